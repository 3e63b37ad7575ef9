import type { TFunction } from 'i18next';
import { ru } from '../i18n.ts';
import { fieldLabel, valueText } from './labels.ts';
import type { NoticeRow } from './notices-query.ts';

const ENTITIES_IN = Object.keys(ru.notice.entityIn);

interface Matched {
  field?: unknown;
  value?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** "телефон 79123456789, email a@b.ru" from a duplicate notice's `matched` list. */
function matchedText(t: TFunction, matched: unknown): string {
  if (!Array.isArray(matched)) return '';
  return matched
    .filter(isRecord)
    .map((m: Matched) => {
      const what = m.field === 'emails' ? t('shell:notice.matchedEmails') : t('shell:notice.matchedPhones');
      return typeof m.value === 'string' ? `${what} ${m.value}` : what;
    })
    .join(', ');
}

/** A notice in words: the sentence, and a second line with the values where there are some. */
export function noticeText(
  t: TFunction,
  n: NoticeRow,
): { title: string; message: string; details: string | null } {
  const payload = isRecord(n.payload) ? n.payload : {};
  const name = n.record_name ?? t('shell:notice.unknownRecord');
  const empty = t('shell:notice.empty');
  if (n.kind === 'possible_duplicate') {
    const other = typeof payload.otherClientName === 'string' ? payload.otherClientName : null;
    const matched = matchedText(t, payload.matched);
    return {
      title: t('shell:sync.toastDuplicate'),
      message: other
        ? t('shell:notice.duplicate', { name, other, matched })
        : t('shell:notice.duplicateHidden', { name, matched }),
      details: null,
    };
  }
  const entity = ENTITIES_IN.includes(n.entity) ? n.entity : 'other';
  const field = n.field
    ? fieldLabel(t, n.field, n.field_label ? { [n.field.slice('custom.'.length)]: n.field_label } : {})
    : '—';
  return {
    title: t('shell:sync.toastNotice'),
    message: t('shell:notice.overwritten', { field, entity: t(`shell:notice.entityIn.${entity}`), name }),
    details:
      'yourValue' in payload || 'newValue' in payload
        ? t('shell:notice.overwrittenValues', {
            yours: valueText(payload.yourValue, empty),
            next: valueText(payload.newValue, empty),
          })
        : null,
  };
}
