/** The shell: sign-in, the frame around signed-in screens, sync state, global search, keyboard shortcuts. */

export { NAV_ITEMS, type NavItem } from './layout/nav-items.ts';
export { Shell } from './layout/Shell.tsx';
export { LoginPage } from './login/LoginPage.tsx';
