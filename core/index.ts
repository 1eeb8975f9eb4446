/**
 * The public API of bench, for programs that run suites or read results, and for plugin authors: what
 * `require('optim-bench')` gives (package.json's exports map: `.`; `./plugin` is core/plugin/kit.ts, the
 * kit a plugin imports; `./schemas/*` the JSON Schemas). Progress of a run comes through `RunEvents`.
 * Nothing inside core/ imports it (the layering, .dependency-cruiser.js).
 */
export * as tf from './tf';
export type * from './plugin/contracts';
export { PLUGIN_KINDS } from './plugin/contracts';
export { Registry } from './plugin/registry';
export { listCatalogue as listPlugins, type Catalogue } from './suite/catalogue';
export { loadSuite, resolveSuite, type Suite } from './suite/load';
export type { SuiteFile, Trial, TrialConfig } from './suite/types';
export type { TrialRecord, TrialBase, OkTrial, DivergedTrial, FailedTrial, TimeoutTrial, TrialTimeout, EpochRecord, FinalRecord, Divergence, TrialStatus } from './train/record';
export { runTrial } from './train/trial';
export { checkPlugin, readReferenceFile, type CheckOptions, type CheckResult, type ReferenceFile } from './train/conformance';
export { checkPluginModule, type ModuleCheck, type ModuleCheckOptions } from './train/conformance/module';
export { rankConfigurations as rank, type RankEntry, type RankOptions } from './analysis/ranking';
export { readResults, writeResults, resultsProblems, type ResultsDocument } from './results/document';
export type { RunDocument, RunInfo } from './results/run-info';
export { runSuite, type RunOptions, type RunEvents, type PlanEvent } from './run/run-suite';
export { executeSuite, type ExecuteOptions, type Execution } from './search/execute';
export { reportFiles as report, type ReportOptions, type ReportOutput } from './report';
export { compareFiles as compare, type CompareOptions, type Comparison } from './compare';
export { main } from './cli/main';
