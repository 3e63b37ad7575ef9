export function ClientsPage() {
  return <div>clients</div>;
}

export function ClientCardPage(props: { id: string }) {
  return <div>client {props.id}</div>;
}
