import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Router, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { AppEngine } from '../engine/contract.ts';
import { EngineProvider, useSession } from './common/engine-context.tsx';
import { initI18n } from './i18n/index.ts';
import { InvitePage } from './partners/index.tsx';
import type { Platform } from './platform.ts';
import { SignedInRoutes } from './routes.tsx';
import { LoginPage } from './shell/index.tsx';
import { theme } from './theme.ts';

function Gate() {
  const session = useSession();
  const [invited, params] = useRoute('/invite/:token');
  if (session) return <SignedInRoutes />;
  return invited ? <InvitePage token={params.token} /> : <LoginPage />;
}

/** Mounts the app on `root`, talking to the replica through `engine`. */
export async function renderApp(root: HTMLElement, engine: AppEngine, platform: Platform): Promise<void> {
  const i18n = await initI18n();
  const session = await engine.session();
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <ModalsProvider>
          <Notifications position="top-right" />
          <EngineProvider engine={engine} platform={platform} initialSession={session}>
            <Router hook={useHashLocation}>
              <Gate />
            </Router>
          </EngineProvider>
        </ModalsProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
}
