/**
 * The signed-in session on disk: one JSON file in userData, its token sealed with the OS key store (Electron
 * safeStorage, injected so tests run in Node). It also remembers the last server URL for the sign-in form.
 * Anything unreadable (corrupt file, foreign shape, a token the key store can no longer open) means signed out.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SessionStore, SessionUser, StoredSession } from '@mak/shared/engine';
import { z } from 'zod';

export interface TokenSealer {
  /** false: the OS has no key store; the token is then written unsealed (the file is still owner-only). */
  available(): boolean;
  seal(plain: string): Buffer;
  /** Throws when the sealed bytes cannot be opened (another machine, a reset key ring). */
  open(sealed: Buffer): string;
}

export interface DesktopSessionStore extends SessionStore {
  lastServerUrl(): Promise<string | null>;
}

const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  });

const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string().max(320),
  name: z.string().max(500),
  role: z.string().max(100),
  teamId: z.string().max(100).nullable(),
  partnerId: z.string().max(100).nullable(),
  locale: z.string().max(35),
  totpEnabled: z.boolean(),
  permissions: z.array(z.object({ resource: z.string(), action: z.string(), scope: z.string() })).max(10_000),
}) satisfies z.ZodType<SessionUser>;

const sessionFileSchema = z.object({
  version: z.literal(1),
  lastServerUrl: httpUrl.nullable(),
  session: z
    .object({
      serverUrl: httpUrl,
      user: sessionUserSchema,
      token: z.object({ sealed: z.boolean(), data: z.string().max(100_000) }),
    })
    .nullable(),
});
type SessionFile = z.infer<typeof sessionFileSchema>;

async function readSessionFile(file: string): Promise<SessionFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = sessionFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function fileSessionStore(file: string, sealer: TokenSealer): DesktopSessionStore {
  let writes: Promise<void> = Promise.resolve();

  async function write(content: SessionFile) {
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(content), { mode: 0o600 });
    await rename(temp, file);
  }

  function openToken(token: { sealed: boolean; data: string }): string | null {
    if (!token.sealed) return token.data || null;
    if (!sealer.available()) return null;
    try {
      return sealer.open(Buffer.from(token.data, 'base64')) || null;
    } catch {
      return null;
    }
  }

  return {
    async load(): Promise<StoredSession | null> {
      await writes;
      const content = await readSessionFile(file);
      if (!content?.session) return null;
      const token = openToken(content.session.token);
      if (!token) return null;
      return { serverUrl: content.session.serverUrl, user: content.session.user, token };
    },
    save(session: StoredSession | null): Promise<void> {
      const next = writes.then(async () => {
        const previous = await readSessionFile(file);
        const sealed = sealer.available();
        await write({
          version: 1,
          lastServerUrl: session?.serverUrl ?? previous?.lastServerUrl ?? null,
          session: session && {
            serverUrl: session.serverUrl,
            user: session.user,
            token: sealed
              ? { sealed: true, data: sealer.seal(session.token).toString('base64') }
              : { sealed: false, data: session.token },
          },
        });
      });
      writes = next.catch(() => {});
      return next;
    },
    async lastServerUrl() {
      await writes;
      return (await readSessionFile(file))?.lastServerUrl ?? null;
    },
  };
}
