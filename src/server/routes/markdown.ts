/**
 * The small Markdown subset the processing register uses (headings, bullet lists, pipe tables, `code`, paragraphs)
 * to escaped HTML. Hand-written because no Markdown library is a dependency and the input is our own generator's.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inline = (s: string) =>
  esc(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\\\|/g, '|');
const cells = (row: string) =>
  row
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

export function markdownToHtml(md: string): string {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const h = /^(#{1,6}) (.*)$/.exec(l);
    if (h) out.push(`<h${h[1]!.length}>${inline(h[2]!)}</h${h[1]!.length}>`);
    else if (l.startsWith('- ')) {
      out.push('<ul>');
      for (; i < lines.length && lines[i]!.startsWith('- '); i++) out.push(`<li>${inline(lines[i]!.slice(2))}</li>`);
      i--;
      out.push('</ul>');
    } else if (l.startsWith('|')) {
      const head = cells(l);
      i += 1; // separator row
      out.push('<table><thead><tr>', ...head.map((c) => `<th>${inline(c)}</th>`), '</tr></thead><tbody>');
      for (i++; i < lines.length && lines[i]!.startsWith('|'); i++)
        out.push('<tr>', ...cells(lines[i]!).map((c) => `<td>${inline(c)}</td>`), '</tr>');
      i--;
      out.push('</tbody></table>');
    } else if (l.trim()) out.push(`<p>${inline(l)}</p>`);
  }
  return `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Registre des traitements</title><body>${out.join('\n')}</body></html>\n`;
}
