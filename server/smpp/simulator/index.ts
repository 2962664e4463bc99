// The SMSC simulator: start it in-process, drive it over its control endpoint.
export {
  type SimulatorControlClient,
  DEFAULT_SIMULATOR_CONTROL_URL,
  createSimulatorControlClient,
} from "./control-client";
export {
  type SimulatorControl,
  type SimulatorControlAccess,
  generateControlSecret,
  startSimulatorControl,
} from "./control";
export { type Simulator, type SimulatorOptions, startSimulator } from "./server";
export {
  DEFAULT_SIMULATOR_SETTINGS,
  type ReceiptStat,
  type ReplyInjection,
  SettingsError,
  type SimulatorSettings,
  type SimulatorSettingsPatch,
} from "./settings";
export {
  type DeliveryRecord,
  type SentReceiptRecord,
  type SentReceiptView,
  type SentStat,
  type SimulatorCounters,
  type SimulatorState,
  type SubmitRecord,
  type SubmitView,
} from "./types";
