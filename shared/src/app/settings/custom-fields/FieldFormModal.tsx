import { Button, Group, Modal, Select, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../ids.ts';
import {
  CUSTOM_FIELD_TYPES,
  type CustomFieldEntity,
  type CustomFieldType,
} from '../../../schema/constants.ts';
import { fieldErrors, useMutate } from '../../common/index.ts';
import { nextPosition } from '../common/reorder.ts';
import type { FieldEditing } from './CustomFieldsSection.tsx';
import {
  type CustomFieldRow,
  createArgs,
  type FieldFormValues,
  hasOptions,
  suggestKey,
  updateArgs,
} from './field-form.ts';

const BLANK: FieldFormValues = {
  key: '',
  label: '',
  type: 'text',
  options: [],
  required: false,
  position: 0,
};
const OWN_CODES = new Set(['key_taken', 'key_of_deleted', 'options_needed']);

export function FieldFormModal(props: {
  entity: CustomFieldEntity;
  editing: FieldEditing;
  /** Every definition of the entity, deleted ones included (their keys are taken). */
  fields: CustomFieldRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const { editing } = props;
  const [values, setValues] = useState<FieldFormValues>(BLANK);
  const [keyTouched, setKeyTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Read when the modal opens only: a sync while typing must not reset the form.
  const fieldsRef = useRef(props.fields);
  fieldsRef.current = props.fields;
  const set = <K extends keyof FieldFormValues>(k: K, v: FieldFormValues[K]) =>
    setValues((s) => ({ ...s, [k]: v }));

  useEffect(() => {
    if (!editing) return;
    setErrors({});
    if (editing.mode === 'edit') {
      const f = editing.field;
      setValues({
        key: f.key,
        label: f.label,
        type: f.type as CustomFieldType,
        options: f.options,
        required: f.required,
        position: f.position,
      });
      setKeyTouched(true);
    } else {
      setValues({ ...BLANK, position: nextPosition(fieldsRef.current.filter((f) => !f.deleted_at)) });
      setKeyTouched(false);
    }
  }, [editing]);

  const message = (field: string, code: string) =>
    OWN_CODES.has(code) ? t(`fields.errors.${code}`) : t(`fields.errors.${field}`, { defaultValue: code });
  const translate = (errs: Record<string, string>) =>
    Object.fromEntries(Object.entries(errs).map(([f, code]) => [f, message(f, code)]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const built =
      editing.mode === 'create'
        ? createArgs(newId(), props.entity, values, props.fields)
        : updateArgs(editing.field, values);
    if (built === null) return props.onClose();
    if (!built.ok) return setErrors(translate(built.errors));
    const r = await mutate(
      editing.mode === 'create' ? 'custom_field.create' : 'custom_field.update',
      built.args,
    );
    if (!r.ok) return setErrors(translate(fieldErrors(r)));
    props.onClose();
  }

  const creating = editing?.mode === 'create';
  return (
    <Modal
      opened={editing !== null}
      onClose={props.onClose}
      title={
        creating
          ? t('fields.createTitle', { entity: t(`fields.entities.${props.entity}`) })
          : t('fields.editTitle')
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('fields.label')}
            value={values.label}
            onChange={(e) => {
              const label = e.currentTarget.value;
              setValues((s) => ({ ...s, label, key: creating && !keyTouched ? suggestKey(label) : s.key }));
            }}
            error={errors.label}
            maxLength={300}
            required
            data-autofocus
          />
          <TextInput
            label={t('fields.key')}
            description={creating ? t('fields.keyHint') : t('fields.keyFixed')}
            value={values.key}
            onChange={(e) => {
              setKeyTouched(true);
              set('key', e.currentTarget.value);
            }}
            error={errors.key}
            maxLength={40}
            disabled={!creating}
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Select
            label={t('fields.type')}
            description={creating ? undefined : t('fields.typeFixed')}
            data={CUSTOM_FIELD_TYPES.map((type) => ({ value: type, label: t(`fields.types.${type}`) }))}
            value={values.type}
            onChange={(v) => v && set('type', v as CustomFieldType)}
            allowDeselect={false}
            disabled={!creating}
            error={errors.type}
          />
          {hasOptions(values.type) && (
            <TagsInput
              label={t('fields.options')}
              description={creating ? t('fields.optionsHint') : t('fields.optionsEditHint')}
              value={values.options}
              onChange={(v) => set('options', v)}
              error={errors.options}
              maxTags={200}
              splitChars={[',', ';']}
              clearable
            />
          )}
          <Switch
            label={t('fields.requiredLabel')}
            description={t('fields.requiredHint')}
            checked={values.required}
            onChange={(e) => set('required', e.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit">{creating ? t('common:actions.create') : t('common:actions.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
