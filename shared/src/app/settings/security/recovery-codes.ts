/** The text file a user keeps their recovery codes in. */
export function recoveryCodesFile(
  codes: readonly string[],
  account: string,
  issuedAt: Date,
  heading: string,
): string {
  return [heading, account, issuedAt.toISOString(), '', ...codes, ''].join('\n');
}

/** A TOTP secret in groups of four, easier to type into an authenticator app by hand. */
export const groupSecret = (secret: string): string =>
  secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/** Offers `text` as a file download (browser and Electron renderer alike). */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
