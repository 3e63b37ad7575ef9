import { clientCreate } from './clients/create.ts';
import { clientDelete } from './clients/delete.ts';
import { clientRestore } from './clients/restore.ts';
import { clientUpdate } from './clients/update.ts';
import { contactCreate } from './contacts/create.ts';
import { contactDelete } from './contacts/delete.ts';
import { contactRestore } from './contacts/restore.ts';
import { contactUpdate } from './contacts/update.ts';
import { customFieldCreate } from './custom-fields/create.ts';
import { customFieldDelete } from './custom-fields/delete.ts';
import { customFieldRestore } from './custom-fields/restore.ts';
import { customFieldUpdate } from './custom-fields/update.ts';
import { dealCreate } from './deals/create.ts';
import { dealDelete } from './deals/delete.ts';
import { dealMove } from './deals/move.ts';
import { dealRestore } from './deals/restore.ts';
import { dealUpdate } from './deals/update.ts';
import type { Mutator } from './define.ts';
import { noteCreate } from './notes/create.ts';
import { noteDelete } from './notes/delete.ts';
import { noteRestore } from './notes/restore.ts';
import { noteUpdate } from './notes/update.ts';
import { noticeDismiss } from './notices/dismiss.ts';
import { partnerCreate } from './partners/create.ts';
import { partnerDelete } from './partners/delete.ts';
import { partnerRestore } from './partners/restore.ts';
import { partnerUpdate } from './partners/update.ts';
import { pipelineCreate } from './pipelines/create.ts';
import { pipelineDelete } from './pipelines/delete.ts';
import { pipelineRestore } from './pipelines/restore.ts';
import { pipelineUpdate } from './pipelines/update.ts';
import { segmentCreate } from './segments/create.ts';
import { segmentDelete } from './segments/delete.ts';
import { segmentRestore } from './segments/restore.ts';
import { segmentUpdate } from './segments/update.ts';
import { stageCreate } from './stages/create.ts';
import { stageDelete } from './stages/delete.ts';
import { stageRestore } from './stages/restore.ts';
import { stageUpdate } from './stages/update.ts';
import { taskComplete } from './tasks/complete.ts';
import { taskCreate } from './tasks/create.ts';
import { taskDelete } from './tasks/delete.ts';
import { taskRestore } from './tasks/restore.ts';
import { taskUpdate } from './tasks/update.ts';
import { teamCreate } from './teams/create.ts';
import { teamDelete } from './teams/delete.ts';
import { teamRestore } from './teams/restore.ts';
import { teamUpdate } from './teams/update.ts';

/**
 * Every mutation by name: the closed set the outbox may send and the server will run. Adding a mutation is one
 * file under <domain>/ and one line here.
 */
export const mutators = {
  'client.create': clientCreate,
  'client.delete': clientDelete,
  'client.restore': clientRestore,
  'client.update': clientUpdate,
  'contact.create': contactCreate,
  'contact.delete': contactDelete,
  'contact.restore': contactRestore,
  'contact.update': contactUpdate,
  'deal.create': dealCreate,
  'deal.delete': dealDelete,
  'deal.move': dealMove,
  'deal.restore': dealRestore,
  'deal.update': dealUpdate,
  'task.complete': taskComplete,
  'task.create': taskCreate,
  'task.delete': taskDelete,
  'task.restore': taskRestore,
  'task.update': taskUpdate,
  'note.create': noteCreate,
  'note.delete': noteDelete,
  'note.restore': noteRestore,
  'note.update': noteUpdate,
  'segment.create': segmentCreate,
  'segment.delete': segmentDelete,
  'segment.restore': segmentRestore,
  'segment.update': segmentUpdate,
  'pipeline.create': pipelineCreate,
  'pipeline.delete': pipelineDelete,
  'pipeline.restore': pipelineRestore,
  'pipeline.update': pipelineUpdate,
  'stage.create': stageCreate,
  'stage.delete': stageDelete,
  'stage.restore': stageRestore,
  'stage.update': stageUpdate,
  'custom_field.create': customFieldCreate,
  'custom_field.delete': customFieldDelete,
  'custom_field.restore': customFieldRestore,
  'custom_field.update': customFieldUpdate,
  'team.create': teamCreate,
  'team.delete': teamDelete,
  'team.restore': teamRestore,
  'team.update': teamUpdate,
  'partner.create': partnerCreate,
  'partner.delete': partnerDelete,
  'partner.restore': partnerRestore,
  'partner.update': partnerUpdate,
  'notice.dismiss': noticeDismiss,
} as const;

export type MutationName = keyof typeof mutators;
export const MUTATION_NAMES = Object.keys(mutators) as MutationName[];

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutators, name);
}

/** The mutator for `name`, widened for callers that dispatch on a name they received. */
export function mutatorFor(name: MutationName): Mutator {
  return mutators[name] as unknown as Mutator;
}
