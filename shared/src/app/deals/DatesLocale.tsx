import 'dayjs/locale/ru';
import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Date pickers in the interface language, weeks from Monday. */
export function DatesLocale(props: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'ru', firstDayOfWeek: 1 }}>
      {props.children}
    </DatesProvider>
  );
}
