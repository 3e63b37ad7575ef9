/**
 * What the page shows before the React app can render: loading, another tab holds the replica, or the engine failed.
 * Plain DOM, so it works even when the app bundle cannot start; Russian unless the user switched the app to English.
 */

const TEXT = {
  ru: {
    loading: 'Загрузка MaK CRM…',
    otherTab:
      'MaK CRM уже открыт в другой вкладке или окне этого браузера. Закройте его — эта вкладка продолжит работу сама.',
    failed: 'Не удалось открыть локальную базу данных:',
    reset: 'Удалить локальные данные и войти заново',
    resetWarning: 'Несохранённые на сервере изменения будут потеряны.',
  },
  en: {
    loading: 'Loading MaK CRM…',
    otherTab:
      'MaK CRM is already open in another tab or window of this browser. Close it and this tab will carry on.',
    failed: 'The local database could not be opened:',
    reset: 'Delete local data and sign in again',
    resetWarning: 'Changes not yet sent to the server will be lost.',
  },
} as const;

function language(): keyof typeof TEXT {
  try {
    // The key the app's i18n setup stores the chosen language under.
    return localStorage.getItem('mak.language') === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export interface BootScreen {
  loading(): void;
  otherTab(): void;
  failed(message: string, onReset: () => void): void;
  hide(): void;
}

export function bootScreen(element: HTMLElement): BootScreen {
  const text = TEXT[language()];
  const show = (...children: Node[]) => {
    element.replaceChildren(...children);
    element.hidden = false;
  };
  const paragraph = (content: string) => {
    const p = document.createElement('p');
    p.textContent = content;
    return p;
  };
  return {
    loading: () => show(paragraph(text.loading)),
    otherTab: () => show(paragraph(text.otherTab)),
    failed(message, onReset) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = text.reset;
      button.addEventListener('click', () => {
        button.disabled = true;
        onReset();
      });
      show(paragraph(text.failed), paragraph(message), paragraph(text.resetWarning), button);
    },
    hide() {
      element.hidden = true;
      element.replaceChildren();
    },
  };
}
