// Every action the emulator serves, through the older @alicloud/pop-core RPC client (HMAC-SHA1
// signature, GET for reads, form-encoded POST for writes): each answer matches the official SDK's
// response model field by field.
import { popCoreClient } from "./support/node-clients";
import { describeConformance } from "./support/run-cases";

describeConformance(popCoreClient);
