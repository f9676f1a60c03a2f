/**
 * The engine's public surface: the UI and the CLI import from here only.
 */
export { createRun, type Run, type LiveRun, type RunCounters, type RunPhase } from './simulation/run';
export type { JobTrace } from './simulation/jobs';
export { observeRun, type RunStreams, type ModeStreams, type ObserveOptions, type AppendedRecord, type ReadRecord, type ReadKind, type ResultEmission, type WatermarkEmission, type DropEmission, type DecisionEmission } from './streams/observe-run';
export type { Recovery } from './recovery/job';
export type { RecoveryPolicy } from './recovery/policy';
export { recordStory, type RecordStory } from './report/record-story';
export { toRunData, fromRunData, runDataTransfer, type RunData } from './simulation/run-data';
export { loadScenarioText, validateScenario, type LoadResult } from './scenario/load';
export { ScenarioError, formatIssue, type ScenarioIssue } from './scenario/errors';
export { scenarioSchema, SCENARIO_VERSION, WATERMARK_MAX, LIMITS, DEFAULT_DURATION, HIGHLIGHTS, type Scenario, type ScenarioInput, type Lesson, type NarrationStep } from './scenario/schema';
export { runReport, resultJson, watermarkJson, type RunReport, type ResultJson } from './report/report';
export { recordId, type TopicLog } from './broker/topic-log';
export { DecisionLog, VERDICT, VERDICT_NAMES, RULES, type Decision, type RuleName, type Verdict } from './decisions/decision-log';
export { FATE, FATE_NAMES, type Result, type Drop, type Firing } from './modes/results';
export type { ModeOutput, ModeName, ModeCounters, PartitionWatermarkLog } from './modes/mode-output';
export { combineWatermarks, holdingPartitions } from './watermarks/partition-watermarks';
export { FLAG } from './producers/produced';
export { divergence, modeDivergence, combinePanes, sameValue, type Divergence, type WindowDivergence, type DivergenceSummary } from './metrics/divergence';
export { diagnostics } from './metrics/diagnostics';
export type { WindowSpec, ProcessorSpec, ProducerSpec, GeneratedProducerSpec, ScriptedProducerSpec, ConsumersSpec } from './scenario/schema';
export type { GroupRun } from './broker/consumer-group';
export type { GroupEvent, CommitRecord, LagSamples } from './broker/deliveries';
export type { Window } from './windows/window';
export { encodeLink, decodeLink, linkFragment, hasLink, LINK_VERSION, MAX_FRAGMENT_CHARS, MAX_LINK_JSON_CHARS, type DecodedLink, type EncodedLink, type LinkOptions } from './share/link';
export { parseNotation, formatNotation, formatNotationError, parseTimeText, NOTATION_EXAMPLE, MAX_NOTATION_CHARS, type NotationResult, type NotationError } from './import/notation';
export { parseEventLog, parseCsvEvents, parseNdjsonEvents, eventLogFormatOf, formatEventLogError, EVENT_COLUMNS, MAX_EVENT_LOG_CHARS, type EventLogFormat, type EventLogResult } from './import/event-log';
export { scenarioFromEvents, importSettings, IMPORT_WATERMARK, type FromEventsOptions, type ImportSettings } from './import/from-events';
export type { SourceError } from './import/entries';
export type { ScriptEntry } from './scenario/schema';
export { resultsCsv, resultsJson, csvField, RESULTS_CSV_COLUMNS } from './report/export';
export { SEMANTICS, type SemanticsName, type PaneTriggerSpec } from './scenario/schema';
export { compareProfiles, compareOutputs, type ProfileComparison, type ProfileWindowDiff, type ProfileSide, type ProfileEmission } from './metrics/profile-diff';
export { profile, profileNamed } from './semantics/profiles';
export type { SemanticsProfile, ProfileRuleText, LateFacts, TimeText } from './semantics/profile';
