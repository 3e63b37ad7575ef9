import { type MantineColorScheme, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, setLanguage } from '../../i18n/index.ts';

export const COLOR_SCHEMES: MantineColorScheme[] = ['light', 'dark', 'auto'];

const isColorScheme = (value: string): value is MantineColorScheme =>
  COLOR_SCHEMES.includes(value as MantineColorScheme);

/** The interface language and a setter that remembers it on this device. */
export function useLanguage(): [Language, (value: string) => void] {
  const { i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'ru';
  return [
    current,
    (value) => {
      if (isLanguage(value)) void setLanguage(value);
    },
  ];
}

/** Light, dark or the system's; Mantine keeps the choice in localStorage. */
export function useColorSchemeChoice(): [MantineColorScheme, (value: string) => void] {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return [
    colorScheme,
    (value) => {
      if (isColorScheme(value)) setColorScheme(value);
    },
  ];
}
