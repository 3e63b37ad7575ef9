export function TasksPage() {
  return <div>tasks</div>;
}
