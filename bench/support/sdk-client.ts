// The official ECS SDK client (7.x, ACS3-HMAC-SHA256 signatures by default) pointed at an emulator.
import Ecs, * as $Ecs from "@alicloud/ecs20140526";
import * as $OpenApi from "@alicloud/openapi-client";
import { DEMO_ACCESS_KEY, DEMO_REGION } from "../../emulator";

export { $Ecs };

export function sdkClient(port: number, keys: { id?: string; secret?: string } = {}): Ecs {
  return new Ecs(
    new $OpenApi.Config({
      accessKeyId: keys.id ?? DEMO_ACCESS_KEY.AccessKeyId,
      accessKeySecret: keys.secret ?? DEMO_ACCESS_KEY.AccessKeySecret,
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
      regionId: DEMO_REGION,
    }),
  );
}
