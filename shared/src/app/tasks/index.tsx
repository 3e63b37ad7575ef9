export { TaskModal, type TaskModalProps } from './TaskModal.tsx';
export { TasksPage } from './TasksPage.tsx';
