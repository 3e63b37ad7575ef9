import { SegmentedControl, Stack, Text, useMantineColorScheme } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../../i18n/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';

type SchemeChoice = 'light' | 'dark' | 'auto';

function Labelled(props: { id: string; label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text component="div" size="sm" fw={500} id={props.id}>
        {props.label}
      </Text>
      {props.children}
    </Stack>
  );
}

/** Language and theme: kept on this device (the language in localStorage, the theme by Mantine's manager). */
export function AppearanceCard() {
  const { t, i18n } = useTranslation('settings');
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const language: Language = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <SectionCard id="appearance" title={t('appearance.title')} description={t('appearance.description')}>
      <Stack gap="md" align="flex-start">
        <Labelled id="settings-language-label" label={t('appearance.language')}>
          <SegmentedControl
            aria-labelledby="settings-language-label"
            value={language}
            onChange={(v) => void setLanguage(v === 'en' ? 'en' : 'ru')}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Labelled>
        <Labelled id="settings-theme-label" label={t('appearance.theme')}>
          <SegmentedControl
            aria-labelledby="settings-theme-label"
            value={colorScheme}
            onChange={(v) => setColorScheme(v as SchemeChoice)}
            data={[
              { value: 'light', label: t('appearance.light') },
              { value: 'dark', label: t('appearance.dark') },
              { value: 'auto', label: t('appearance.auto') },
            ]}
          />
        </Labelled>
      </Stack>
    </SectionCard>
  );
}
