/** The PWA's entry; the React UI on the local replica lands here in a later issue. */
export const APP_NAME = 'MaK CRM';
