/** The pipeline figure in words: the canvas's accessible label and the line under the lanes. */
import { formatTime } from '../format';
import type { FrameState } from './frame';
import { count } from './text';

/** Records held back in producers' buffers by outages at this moment. */
const heldByOutages = (frame: FrameState): number => frame.producers.reduce((s, p) => s + p.held, 0);

/** What a screen reader hears for the figure: counts at this moment, outages and the job's state. */
export function pipelineSummary(frame: FrameState | null, jobSentence: string): string {
  if (!frame) return 'Pipeline: no run loaded.';
  const dropped = frame.dlq.late + frame.dlq.duplicate + frame.dlq.malformed;
  return (
    `Pipeline at ${formatTime(frame.t)}: ${count(frame.appended)} events appended to the topic, ${count(frame.read)} read by the consumer group, ` +
    `total lag ${count(frame.totalLag)}, ${count(dropped)} in the streaming side-output lane` +
    frame.producers
      .filter((p) => p.offline)
      .map((p) => `, producer ${p.id} offline, buffering ${count(p.held)}`)
      .join('') +
    (jobSentence ? `. Streaming job: ${jobSentence}` : '') +
    '.'
  );
}

/** The figure's own summary line, beside the side output. */
export function summaryLine(frame: FrameState): string {
  const held = heldByOutages(frame);
  return `${count(frame.appended)} appended · ${count(frame.read)} read · total lag ${count(frame.totalLag)}${held > 0 ? ` · ${count(held)} held by outages` : ''}`;
}
