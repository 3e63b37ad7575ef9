import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconDeviceDesktop, IconLanguage, IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/index.ts';
import { COLOR_SCHEMES, useColorSchemeChoice, useLanguage } from './use-prefs.ts';

const SCHEME_ICONS = { light: IconSun, dark: IconMoon, auto: IconDeviceDesktop } as const;
const SCHEME_LABELS = {
  light: 'prefs.themeLight',
  dark: 'prefs.themeDark',
  auto: 'prefs.themeAuto',
} as const;

/** Radio items for the language, for any Menu (the header's own, or the user menu on a phone). */
export function LanguageItems() {
  const { t } = useTranslation('shell');
  const [language, setLanguage] = useLanguage();
  return (
    <>
      <Menu.Label>{t('prefs.language')}</Menu.Label>
      <Menu.RadioGroup value={language} onChange={setLanguage}>
        {LANGUAGES.map((lng) => (
          <Menu.RadioItem key={lng} value={lng} lang={lng} closeMenuOnClick>
            {LANGUAGE_NAMES[lng]}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
    </>
  );
}

export function ThemeItems() {
  const { t } = useTranslation('shell');
  const [scheme, setScheme] = useColorSchemeChoice();
  return (
    <>
      <Menu.Label>{t('prefs.theme')}</Menu.Label>
      <Menu.RadioGroup value={scheme} onChange={setScheme}>
        {COLOR_SCHEMES.map((value) => (
          <Menu.RadioItem key={value} value={value} closeMenuOnClick>
            {t(SCHEME_LABELS[value])}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
    </>
  );
}

export function LanguageMenu() {
  const { t } = useTranslation('shell');
  const [language] = useLanguage();
  const label = `${t('prefs.language')}: ${LANGUAGE_NAMES[language]}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label={label} withinPortal>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label}>
            <IconLanguage size={20} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <LanguageItems />
      </Menu.Dropdown>
    </Menu>
  );
}

export function ThemeMenu() {
  const { t } = useTranslation('shell');
  const [scheme] = useColorSchemeChoice();
  const Icon = SCHEME_ICONS[scheme];
  const label = `${t('prefs.theme')}: ${t(SCHEME_LABELS[scheme])}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label={label} withinPortal>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label}>
            <Icon size={20} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <ThemeItems />
      </Menu.Dropdown>
    </Menu>
  );
}
