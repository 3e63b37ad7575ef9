/**
 * The current user's undismissed sync notices (an edit of theirs overwritten, a possible duplicate), newest first,
 * with the name of the record each is about and what that record belongs to, so the panel can link to it.
 * `$1` user id. A notice dismissed (`notice.dismiss`, on any device) has `dismissed_at` and is left out.
 */
export const NOTICES_LIMIT = 50;

export const NOTICES_SQL = `
SELECT n.id, n.kind, n.entity, n.entity_id, n.field, n.payload, n.created_at,
       CASE n.entity
         WHEN 'clients' THEN (SELECT c.name FROM clients c WHERE c.id = n.entity_id)
         WHEN 'deals' THEN (SELECT d.title FROM deals d WHERE d.id = n.entity_id)
         WHEN 'contacts' THEN (SELECT ct.name FROM contacts ct WHERE ct.id = n.entity_id)
         WHEN 'tasks' THEN (SELECT t.title FROM tasks t WHERE t.id = n.entity_id)
       END AS record_name,
       CASE n.entity
         WHEN 'contacts' THEN (SELECT ct.client_id FROM contacts ct WHERE ct.id = n.entity_id)
         WHEN 'tasks' THEN (SELECT t.client_id FROM tasks t WHERE t.id = n.entity_id)
         WHEN 'notes' THEN (SELECT nt.client_id FROM notes nt WHERE nt.id = n.entity_id)
       END AS client_id,
       CASE n.entity
         WHEN 'tasks' THEN (SELECT t.deal_id FROM tasks t WHERE t.id = n.entity_id)
         WHEN 'notes' THEN (SELECT nt.deal_id FROM notes nt WHERE nt.id = n.entity_id)
       END AS deal_id,
       (SELECT cf.label FROM custom_fields cf
         WHERE cf.entity = n.entity AND n.field = 'custom.' || cf.key AND cf.deleted_at IS NULL) AS field_label,
       count(*) OVER () AS total
  FROM sync_notices n
 WHERE n.user_id = $1
   AND n.dismissed_at IS NULL
   AND n.deleted_at IS NULL
 ORDER BY n.created_at DESC, n.id DESC
 LIMIT ${NOTICES_LIMIT}`;

export interface NoticeRow {
  id: string;
  kind: string;
  entity: string;
  entity_id: string;
  field: string | null;
  payload: Record<string, unknown> | null;
  created_at: string | Date;
  record_name: string | null;
  client_id: string | null;
  deal_id: string | null;
  /** The custom field's label when `field` is `custom.<key>`. */
  field_label: string | null;
  total: number | string;
}
