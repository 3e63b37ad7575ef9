import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The quick search: typing settles for a moment before the list re-queries; Esc clears. */
export function SearchBox(props: { value: string; onChange: (value: string) => void; flex?: number }) {
  const { t } = useTranslation('clients');
  const [text, setText] = useState(props.value);
  const sent = useRef(props.value);
  const send = useDebouncedCallback((value: string) => {
    sent.current = value;
    props.onChange(value);
  }, 250);
  // A segment or a reset changes the search from outside.
  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setText(props.value);
    }
  }, [props.value]);
  const set = (value: string) => {
    setText(value);
    send(value);
  };
  return (
    <TextInput
      aria-label={t('searchLabel')}
      placeholder={t('searchPlaceholder')}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(e) => set(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && text) {
          e.preventDefault();
          set('');
          send.flush();
        }
        if (e.key === 'Enter') send.flush();
      }}
      rightSection={
        text ? <CloseButton size="sm" aria-label={t('common:actions.close')} onClick={() => set('')} /> : null
      }
      maxLength={200}
      style={{ flex: props.flex ?? 1, minWidth: 200 }}
    />
  );
}
