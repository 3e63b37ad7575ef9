import { Input, SegmentedControl, Stack, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../../i18n/index.ts';
import { SectionCard } from '../common/SectionCard.tsx';

type SchemeChoice = 'light' | 'dark' | 'auto';

/** Language and theme: kept on this device (the language in localStorage, the theme by Mantine's manager). */
export function AppearanceCard() {
  const { t, i18n } = useTranslation('settings');
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const language: Language = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <SectionCard id="appearance" title={t('appearance.title')} description={t('appearance.description')}>
      <Stack gap="md" align="flex-start">
        <Input.Wrapper label={t('appearance.language')} id="settings-language" labelElement="div">
          <SegmentedControl
            aria-labelledby="settings-language-label"
            value={language}
            onChange={(v) => void setLanguage(v === 'en' ? 'en' : 'ru')}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Input.Wrapper>
        <Input.Wrapper label={t('appearance.theme')} id="settings-theme" labelElement="div">
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
        </Input.Wrapper>
      </Stack>
    </SectionCard>
  );
}
