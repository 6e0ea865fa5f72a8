/**
 * @module tic/checksum
 * TIC group checksum, Enedis-NOI-CPT_54E §5.3.6: `(S1 & 0x3F) + 0x20` over a byte range.
 * Historic groups sum label…data (the separator before the checksum excluded, "method 1");
 * standard groups sum label…the separator before the checksum included ("method 2").
 * The result is always 0x20–0x5F, so a space is a legal checksum.
 */
export function ticChecksum(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i]!;
  return (sum & 0x3f) + 0x20;
}

/** Checksum of a group given as text (label, separators, horodate and data), for building frames. */
export function ticChecksumOf(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return String.fromCharCode((sum & 0x3f) + 0x20);
}

/** One historic group as transmitted between LF and CR: `label SP data SP checksum`. */
export function historicGroup(label: string, data: string): string {
  const summed = `${label} ${data}`;
  return `${summed} ${ticChecksumOf(summed)}`;
}

/** One standard group between LF and CR: `label HT [horodate HT] data HT checksum`. */
export function standardGroup(label: string, data: string, horodate?: string): string {
  const summed = horodate === undefined ? `${label}\t${data}\t` : `${label}\t${horodate}\t${data}\t`;
  return `${summed}${ticChecksumOf(summed)}`;
}
