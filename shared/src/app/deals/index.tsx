export function DealsBoardPage() {
  return <div>deals board</div>;
}

export function DealsTablePage() {
  return <div>deals table</div>;
}

export function DealCardPage(props: { id: string }) {
  return <div>deal {props.id}</div>;
}
