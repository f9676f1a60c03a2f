/**
 * The line under a sink's result count: its latest result, as long as the box allows. Rather
 * than cut "ad-C = 0.071 (late)" to "ad-C = 0.071 (lat…", shorter forms are tried first: the firing
 * as the charts' glyph (▼ late, △ early), then without " = ", and only then an ellipsis.
 */
import { formatValue } from '../format';
import { clip } from './text';

export interface SinkLatest {
  key: string;
  value: number;
  firing: string;
  retraction?: true;
}

const TAGS: Record<string, { long: string; short: string }> = {
  retraction: { long: ' (retract)', short: ' −' },
  late: { long: ' (late)', short: ' ▼' },
  early: { long: ' (early)', short: ' △' },
};

export function sinkLatestText(mode: 'batch' | 'microbatch' | 'streaming', latest: SinkLatest | null, maxChars: number): string {
  if (!latest) return clip(mode === 'batch' ? 'waits for the end' : 'nothing yet', maxChars);
  const tag = TAGS[latest.retraction ? 'retraction' : latest.firing] ?? { long: '', short: '' };
  const value = formatValue(latest.value);
  const forms = [`${latest.key} = ${value}${tag.long}`, `${latest.key} = ${value}${tag.short}`, `${latest.key} ${value}${tag.short}`];
  return forms.find((f) => f.length <= maxChars) ?? clip(forms[forms.length - 1], maxChars);
}
