import type { ReactNode } from 'react';

/** The frame around every signed-in screen: navigation, sync state, search. (shell helper replaces this) */
export function Shell(props: { children: ReactNode }) {
  return <div>{props.children}</div>;
}

export function LoginPage() {
  return <div>login</div>;
}
