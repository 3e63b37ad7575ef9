export function SettingsPage() {
  return <div>settings</div>;
}
