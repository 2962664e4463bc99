// The CMPP gateway simulator: start it in-process, drive it over its control endpoint.
export {
  type CmppReportRecord,
  type CmppSimulator,
  type CmppSimulatorOptions,
  type CmppSimulatorState,
  type CmppSubmitRecord,
  startCmppSimulator,
} from "./server";
export { type CmppSimulatorControl, startCmppSimulatorControl } from "./control";
export {
  type CmppReplyInjection,
  type CmppSimulatorSettings,
  type CmppSimulatorSettingsPatch,
  DEFAULT_CMPP_SIMULATOR_SETTINGS,
} from "./settings";
