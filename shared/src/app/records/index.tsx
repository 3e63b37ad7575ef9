/**
 * Blocks the client and deal cards share. Each is owned by one helper; the props here are the contract.
 */
export type { RecordEntity } from './custom-field-defs.ts';
export { useCustomFieldDefs } from './custom-field-defs.ts';
export { formatCustomValue } from './custom-field-format.ts';
export { CustomFieldsEditor } from './custom-fields-editor.tsx';
export { RecordHistory } from './history.tsx';
export { RecordNotes } from './notes.tsx';
export { useCanOn } from './permissions.ts';
export { RecordTasks } from './tasks.tsx';
export { UserSelect } from './user-select.tsx';
export { type UserOption, useUsers } from './users.ts';
