// Every action the emulator serves, through the official @alicloud/ecs20140526 client (the one the
// provider uses): each answer matches the SDK's response model field by field.
import { officialClient } from "./support/node-clients";
import { describeConformance } from "./support/run-cases";

describeConformance(officialClient);
