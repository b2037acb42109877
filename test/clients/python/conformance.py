#!/usr/bin/env python3
"""Drives the ECS emulator with Alibaba's Python SDKs (npm run test:clients starts the emulator
and runs this in the virtual environment under .tools/):

- alibabacloud_ecs20140526 + alibabacloud_tea_openapi, in its three signature modes: the default
  ACS3-HMAC-SHA256, signature_algorithm="v2" (RPC, HMAC-SHA1) and "ACS3-HMAC-SM3";
- the older aliyun-python-sdk-core + aliyun-python-sdk-ecs (HMAC-SHA1), answering JSON and XML.

Each client runs every case of ../conformance-cases.json against a freshly reset emulator, and
every answer is compared with the current SDK's response model (alibabacloud_ecs20140526.models):
no name the model lacks, no wrong type, every model field present unless the case file lists it
in optionalFields. One "wire" test per client also records how it sends a space.

Prints one line per failure and a summary; --json-out writes jest-style counts for .ci/run.
Exit status 1 when a test failed.
"""
import argparse
import http.server
import importlib
import inspect
import json
import re
import sys
import threading
import traceback
import urllib.request
import warnings
import xml.etree.ElementTree as ET

from alibabacloud_ecs20140526 import models as ecs_models
from alibabacloud_ecs20140526.client import Client as EcsClient
from alibabacloud_tea_openapi import models as openapi_models
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient

ACCESS_KEY_ID = "diskops-demo-ak"
ACCESS_KEY_SECRET = "diskops-demo-secret"
REGION = "cn-hangzhou"


# ---- the response models as a schema -------------------------------------------------------

PRIMITIVES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}


def model_class(annotation):
    return getattr(ecs_models, annotation.split(".", 1)[1])


def schema_of(cls, cache={}):
    """{wire name: schema} of a DaraModel class. A schema is ("object", fields), ("array", item)
    or ("primitive", kind). Wire names come from to_map: set one attribute, see which key appears."""
    if cls in cache:
        return cache[cls]
    fields = {}
    cache[cls] = ("object", fields)
    baseline = cls().to_map()
    for attr, param in inspect.signature(cls.__init__).parameters.items():
        if attr == "self":
            continue
        ann = param.annotation if isinstance(param.annotation, str) else getattr(param.annotation, "__name__", str(param.annotation))
        probe = cls()
        if ann.startswith("List["):
            setattr(probe, attr, [])
        elif ann.startswith("main_models."):
            setattr(probe, attr, model_class(ann)())
        elif ann.startswith("Dict"):
            setattr(probe, attr, {})
        else:
            setattr(probe, attr, "probe")
        emitted = probe.to_map()
        new = [k for k in emitted if k not in baseline or emitted[k] != baseline[k]]
        if not new:  # list wrappers always emit their list: find it by elimination
            new = [k for k in emitted if k not in fields]
        wire = new[0]
        if ann.startswith("List[main_models."):
            fields[wire] = ("array", schema_of(model_class(ann[5:-1])))
        elif ann.startswith("List["):
            fields[wire] = ("array", ("primitive", PRIMITIVES.get(ann[5:-1], "any")))
        elif ann.startswith("main_models."):
            fields[wire] = schema_of(model_class(ann))
        else:
            fields[wire] = ("primitive", PRIMITIVES.get(ann, "any"))
    return cache[cls]


def response_schema(action):
    return schema_of(getattr(ecs_models, action + "ResponseBody"))


def type_ok(kind, value):
    if kind == "any":
        return True
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str)


def is_optional(path, optional):
    return any(path == o or path.startswith(o + ".") or path.startswith(o + "[]") for o in optional)


def compare(value, schema, path, optional, out):
    kind = schema[0]
    if kind == "primitive":
        if not type_ok(schema[1], value):
            out.append(f"type {path}: expected {schema[1]}, got {json.dumps(value)}")
    elif kind == "array":
        if not isinstance(value, list):
            out.append(f"type {path}: expected an array, got {json.dumps(value)[:80]}")
            return
        for item in value:
            compare(item, schema[1], path + "[]", optional, out)
    else:
        if not isinstance(value, dict):
            out.append(f"type {path}: expected an object, got {json.dumps(value)[:80]}")
            return
        at = (lambda n: f"{path}.{n}") if path else (lambda n: n)
        fields = schema[1]
        for name, v in value.items():
            if name not in fields:
                out.append(f"unknown {at(name)}: not in the SDK model")
            else:
                compare(v, fields[name], at(name), optional, out)
        for name in fields:
            if name not in value and not is_optional(at(name), optional):
                out.append(f"missing {at(name)}: in the model, not in the answer")


def xml_to_json(elem, schema, path, out):
    """The JSON an XML element stands for, read with the model's types (lists: repeated elements)."""
    kind = schema[0]
    if kind == "primitive":
        text = elem.text or ""
        t = schema[1]
        try:
            if t == "integer":
                return int(text)
            if t == "number":
                return float(text)
            if t == "boolean":
                if text not in ("true", "false"):
                    raise ValueError(text)
                return text == "true"
        except ValueError:
            out.append(f"type {path}: expected {t}, got {text!r}")
            return text
        return text
    fields = schema[1]
    result = {}
    at = (lambda n: f"{path}.{n}") if path else (lambda n: n)
    for child in elem:
        name = child.tag
        if name not in fields:
            out.append(f"unknown {at(name)}: not in the SDK model")
            continue
        field = fields[name]
        if field[0] == "array":
            result.setdefault(name, []).append(xml_to_json(child, field[1], at(name) + "[]", out))
        else:
            result[name] = xml_to_json(child, field, at(name), out)
    for name, field in fields.items():  # an empty list is an empty (or absent) wrapper in XML
        if field[0] == "array" and name not in result:
            result[name] = []
    return result


# ---- the case file -------------------------------------------------------------------------

def substitute(value, saved):
    if isinstance(value, str):
        def sub(m):
            if m.group(1) not in saved:
                raise AssertionError(f"{{{{{m.group(1)}}}}} was not saved by an earlier case")
            return saved[m.group(1)]
        return re.sub(r"\{\{(\w+)\}\}", sub, value)
    if isinstance(value, list):
        return [substitute(v, saved) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, saved) for k, v in value.items()}
    return value


def flatten(params, prefix=""):
    out = {}
    for key, value in (params.items() if isinstance(params, dict) else enumerate(params, 1)):
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, (dict, list)):
            out.update(flatten(value, name))
        else:
            out[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return out


def value_at(body, path):
    cur = body
    for step in path.split("."):
        m = re.match(r"^([^\[]+)((?:\[\d+\])*)$", step)
        if not m or not isinstance(cur, dict):
            return None
        cur = cur.get(m.group(1))
        for idx in re.findall(r"\d+", m.group(2)):
            cur = cur[int(idx)] if isinstance(cur, list) and int(idx) < len(cur) else None
    return cur


def check_answer(case, body, saved):
    failures = []
    for path, n in case.get("count", {}).items():
        got = value_at(body, path)
        if not isinstance(got, list) or len(got) != n:
            failures.append(f"{path}: expected {n} items, got {len(got) if isinstance(got, list) else json.dumps(got)}")
    for path, want in case.get("equals", {}).items():
        got = value_at(body, path)
        if got != want:
            failures.append(f"{path}: expected {json.dumps(want)}, got {json.dumps(got)}")
    for name, path in case.get("save", {}).items():
        got = value_at(body, path)
        if not isinstance(got, str) or got == "":
            failures.append(f"{path}: expected a non-empty string to save as {name}, got {json.dumps(got)}")
        else:
            saved[name] = got
    return failures


# ---- the clients ---------------------------------------------------------------------------

class Answer:
    def __init__(self, body=None, code=None, status=None, request_id=None, problems=()):
        self.body, self.code, self.status, self.request_id = body, code, status, request_id
        self.problems = list(problems)  # found while reading the answer (XML)


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class TeaClient:
    """alibabacloud_ecs20140526: the per-action method with its typed request; the raw answer is
    read by wrapping call_api, before the SDK turns it into its model."""

    def __init__(self, endpoint, algorithm):
        self.name = "alibabacloud_ecs20140526 (" + (algorithm or "ACS3-HMAC-SHA256") + ")"
        self.algorithm = algorithm
        config = openapi_models.Config(access_key_id=ACCESS_KEY_ID, access_key_secret=ACCESS_KEY_SECRET, endpoint=endpoint, protocol="http", region_id=REGION)
        if algorithm:
            config.signature_algorithm = algorithm
        self.client = EcsClient(config)
        self.raw = None
        call_api = self.client.call_api

        def spy(*args, **kwargs):
            res = call_api(*args, **kwargs)
            self.raw = res.get("body")
            return res

        self.client.call_api = spy
        self.space = "+"

    def call(self, action, params):
        request = getattr(ecs_models, action + "Request")().from_map(params)
        self.raw = None
        try:
            getattr(self.client, snake(action))(request)
        except Exception as e:  # the SDK's ClientException / ServerException / ThrottlingException
            if getattr(e, "code", None) is None:
                raise
            return Answer(code=e.code, status=e.status_code, request_id=e.request_id)
        return Answer(body=self.raw)


class CoreClient:
    """aliyun-python-sdk-core with the aliyun-python-sdk-ecs request class of the action;
    parameters flattened as its setters do (Disk.1.DiskId)."""

    def __init__(self, endpoint, fmt):
        self.name = f"aliyun-python-sdk-core ({fmt})"
        self.endpoint, self.fmt = endpoint, fmt
        self.client = AcsClient(ACCESS_KEY_ID, ACCESS_KEY_SECRET, REGION)
        self.space = "%20"

    def request(self, action, params):
        module = importlib.import_module(f"aliyunsdkecs.request.v20140526.{action}Request")
        req = getattr(module, action + "Request")()
        req.set_endpoint(self.endpoint)
        req.set_protocol_type("http")
        for k, v in flatten(params).items():
            req.add_query_param(k, v)
        return req

    def call(self, action, params):
        req = self.request(action, params)
        if self.fmt == "JSON":
            try:
                return Answer(body=json.loads(self.client.do_action_with_exception(req)))
            except ServerException as e:
                return Answer(code=e.get_error_code(), status=e.get_http_status(), request_id=e.get_request_id())
        req.set_accept_format("XML")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            status, _headers, body = self.client.implementation_of_do_action(req)
        root = ET.fromstring(body)
        if status >= 400:
            if root.tag != "Error":
                return Answer(status=status, problems=[f"error document root is <{root.tag}>, not <Error>"])
            return Answer(code=root.findtext("Code"), status=status, request_id=root.findtext("RequestId"))
        problems = []
        if root.tag != action + "Response":
            problems.append(f"root element <{root.tag}>, not <{action}Response>")
        return Answer(body=xml_to_json(root, response_schema(action), "", problems), problems=problems)


# ---- running -------------------------------------------------------------------------------

class Results:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def record(self, name, failures):
        if failures:
            self.failed += 1
            print(f"  FAIL {name}")
            for f in failures:
                print(f"       {f}")
        else:
            self.passed += 1


def reset_emulator(endpoint):
    req = urllib.request.Request(f"http://{endpoint}/__emulator/reset-state", method="POST", data=b"")
    urllib.request.urlopen(req, timeout=10).read()


def wire_space(client):
    """How the client sends a space in a query value: the raw request line, seen by a stand-in server."""
    seen = []

    class Capture(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.do_POST()

        def do_POST(self):
            seen.append(self.path)
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"RequestId":"captured","Instances":{"Instance":[]}}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"127.0.0.1:{server.server_address[1]}"
    try:
        stand_in = TeaClient(endpoint, client.algorithm) if isinstance(client, TeaClient) else CoreClient(endpoint, "JSON")
        try:
            stand_in.call("DescribeInstances", {"RegionId": REGION, "InstanceIds": json.dumps(["i-a", "i-b"])})
        except Exception:
            pass
    finally:
        server.shutdown()
    return seen[0] if seen else ""


def run_client(client, spec, endpoint, results):
    print(f"{client.name}")
    reset_emulator(endpoint)
    saved = {}
    # The wire: json.dumps(["i-a", "i-b"]) has a space; this client sends it as client.space.
    path = wire_space(client)
    results.record(f"{client.name} › wire: a space in a query value is sent as {client.space}",
                   [] if f"%2C{client.space}%22" in path else [f"request line {path[:200]!r}"])
    for i, case in enumerate(spec["cases"], 1):
        name = f"{client.name} › {i}. {case['action']}: {case['name']}"
        failures = []
        try:
            answer = client.call(case["action"], substitute(case["params"], saved))
            failures += answer.problems
            if "error" in case:
                want = case["error"]
                if answer.body is not None:
                    failures.append(f"expected {want['Code']} ({want['HttpStatus']}), the call succeeded")
                elif (answer.code, answer.status) != (want["Code"], want["HttpStatus"]):
                    failures.append(f"expected {want['Code']} ({want['HttpStatus']}), got {answer.code} ({answer.status})")
                elif not re.match(r"^[0-9A-F-]{36}$", answer.request_id or ""):
                    failures.append(f"no RequestId with the error: {answer.request_id!r}")
            elif answer.body is None:
                failures.append(f"failed: {answer.code} ({answer.status})")
            else:
                compare(answer.body, response_schema(case["action"]), "", spec["optionalFields"].get(case["action"], []), failures)
                failures += check_answer(case, answer.body, saved)
        except Exception:
            failures.append(traceback.format_exc(limit=3).strip().replace("\n", "\n       "))
        results.record(name, failures)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True, help="host:port of a running emulator (demo fleet, time scale 0)")
    parser.add_argument("--cases", required=True)
    parser.add_argument("--json-out")
    args = parser.parse_args()
    with open(args.cases, encoding="utf-8") as f:
        spec = json.load(f)

    clients = [TeaClient(args.endpoint, None), TeaClient(args.endpoint, "v2"), TeaClient(args.endpoint, "ACS3-HMAC-SM3"),
               CoreClient(args.endpoint, "JSON"), CoreClient(args.endpoint, "XML")]
    results = Results()
    for client in clients:
        run_client(client, spec, args.endpoint, results)
    print(f"clients: {results.passed} passed, {results.failed} failed")
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({"numPassedTests": results.passed, "numFailedTests": results.failed, "numRuntimeErrorTestSuites": 0}, f)
    sys.exit(1 if results.failed else 0)


if __name__ == "__main__":
    main()
