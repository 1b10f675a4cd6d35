#!/usr/bin/env python3
"""Checks the alert files against each other, with the Python 3 standard library only.

    python3 deploy/alerts/check-templates.py

- every JSON file here parses;
- signin-alert-rule.json (ARM) and signin-alert-rule.bicep declare the same parameters (type, default,
  limits, description), the same resources (type, API version, name, location, kind, properties), the same
  outputs, and the ARM query variable is exactly signin-failures.kql (which the Bicep file loads);
- the rule has the shape the bot relies on (split by ResultType, Count, common alert schema webhook);
- the sample payloads carry what the README's curl examples promise.

There is no Bicep compiler here, so the Bicep side is read by a small parser for the subset these templates
use (decorators, param, var, resource, output, objects, arrays, strings, numbers, booleans, references and
simple calls). Ends with "N passed, N failed"; exits 0 only when nothing failed.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
results = {"passed": 0, "failed": 0}


def check(label, condition, detail=""):
    if condition:
        results["passed"] += 1
        print("ok   " + label)
    else:
        results["failed"] += 1
        print("FAIL " + label + (": " + detail if detail else ""))


# ---------------------------------------------------------------- a reader for the Bicep subset in use

TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+) | (?P<comment>//[^\n]*) | (?P<block>/\*.*?\*/) | (?P<nl>\n)
  | (?P<string>'(?:[^'\\]|\\.)*')
  | (?P<number>-?\d+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[{}\[\]():=,.@])
""", re.VERBOSE | re.DOTALL)

ESCAPES = {"\\": "\\", "'": "'", "n": "\n", "r": "\r", "t": "\t", "$": "$"}


def tokenize(text):
    tokens, pos = [], 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SyntaxError("unexpected %r at offset %d" % (text[pos:pos + 20], pos))
        pos = m.end()
        kind = m.lastgroup
        if kind in ("ws", "comment", "block"):
            continue
        value = m.group()
        if kind == "string":
            body = value[1:-1]
            if "${" in body:
                raise SyntaxError("string interpolation is outside the subset this checker reads: " + value)
            value = re.sub(r"\\(.)", lambda e: ESCAPES[e.group(1)], body)
        tokens.append((kind, value))
    tokens.append(("eof", ""))
    return tokens


class Ref:
    """A reference or call left for the caller to translate: `name`, `a.b`, `f(args).prop`."""

    def __init__(self, path, args=None):
        self.path, self.args = path, args

    def __repr__(self):
        return "Ref(%r, %r)" % (self.path, self.args)


class Parser:
    def __init__(self, text):
        self.tokens, self.i = tokenize(text), 0

    def peek(self, skip_nl=True):
        j = self.i
        while skip_nl and self.tokens[j][0] == "nl":
            j += 1
        return self.tokens[j]

    def take(self, expect=None, skip_nl=True):
        while skip_nl and self.tokens[self.i][0] == "nl":
            self.i += 1
        tok = self.tokens[self.i]
        if expect is not None and tok[1] != expect and tok[0] != expect:
            raise SyntaxError("expected %r, found %r" % (expect, tok))
        self.i += 1
        return tok

    def value(self):
        kind, text = self.take()
        if kind == "string":
            return text
        if kind == "number":
            return int(text)
        if text == "{":
            obj = {}
            while self.peek()[1] != "}":
                key_kind, key = self.take()
                if key_kind not in ("name", "string"):
                    raise SyntaxError("bad key %r" % key)
                self.take(":")
                obj[key] = self.value()
            self.take("}")
            return obj
        if text == "[":
            items = []
            while self.peek()[1] != "]":
                items.append(self.value())
            self.take("]")
            return items
        if kind == "name":
            if text in ("true", "false"):
                return text == "true"
            path, args = text, None
            while True:
                nxt = self.peek(skip_nl=False)
                if nxt[1] == "(":
                    self.take("(")
                    args = []
                    while self.peek()[1] != ")":
                        args.append(self.value())
                        if self.peek()[1] == ",":
                            self.take(",")
                    self.take(")")
                    path += "()"
                elif nxt[1] == ".":
                    self.take(".")
                    path += "." + self.take("name")[1]
                else:
                    return Ref(path, args)
        raise SyntaxError("unexpected %r" % text)

    def program(self):
        params, variables, resources, outputs = {}, {}, {}, {}
        decorators = {}
        while self.peek()[0] != "eof":
            kind, word = self.take()
            if word == "@":
                name = self.take("name")[1]
                args = []
                if self.peek(skip_nl=False)[1] == "(":
                    self.take("(")
                    while self.peek()[1] != ")":
                        args.append(self.value())
                    self.take(")")
                decorators[name] = args
            elif word == "param":
                name, type_ = self.take("name")[1], self.take("name")[1]
                default = None
                if self.peek(skip_nl=False)[1] == "=":
                    self.take("=")
                    default = self.value()
                params[name] = {"type": type_, "default": default, "decorators": decorators}
                decorators = {}
            elif word == "var":
                name = self.take("name")[1]
                self.take("=")
                variables[name] = self.value()
            elif word == "resource":
                symbol, type_version = self.take("name")[1], self.take("string")[1]
                self.take("=")
                type_, version = type_version.split("@")
                resources[symbol] = {"type": type_, "apiVersion": version, "body": self.value()}
            elif word == "output":
                name, type_ = self.take("name")[1], self.take("name")[1]
                self.take("=")
                outputs[name] = {"type": type_, "value": self.value()}
            else:
                raise SyntaxError("unexpected statement start %r" % word)
        return params, variables, resources, outputs


# ---------------------------------------------------------------- translating Bicep values to ARM's spelling

def to_arm(value, params, variables, resources, inner=False):
    """The ARM JSON a Bicep value compiles to, for the constructs used here."""
    if isinstance(value, dict):
        return {k: to_arm(v, params, variables, resources) for k, v in value.items()}
    if isinstance(value, list):
        return [to_arm(v, params, variables, resources) for v in value]
    if not isinstance(value, Ref):
        return value
    path = value.path
    if path in params:
        expr = "parameters('%s')" % path
    elif path in variables:
        expr = "variables('%s')" % path
    elif path == "resourceGroup().location":
        expr = "resourceGroup().location"
    elif path.endswith(".id") and path[:-3] in resources:
        res = resources[path[:-3]]
        name = to_arm(res["body"]["name"], params, variables, resources, inner=True)
        name = name if isinstance(name, str) and not name.startswith("'") and "(" in name else "'%s'" % name
        expr = "resourceId('%s', %s)" % (res["type"], name)
    else:
        raise ValueError("no ARM translation for " + path)
    return expr if inner else "[" + expr + "]"


def arm_param(name, bicep):
    """The ARM parameter a Bicep param (with its decorators) compiles to."""
    dec = bicep["decorators"]
    type_ = bicep["type"]
    if "secure" in dec:
        type_ = {"string": "securestring", "object": "secureObject"}[type_]
    out = {"type": type_}
    if bicep["default"] is not None:
        out["defaultValue"] = to_arm(bicep["default"], {}, {}, {})
    if "maxLength" in dec:
        out["maxLength"] = dec["maxLength"][0]
    if "minLength" in dec:
        out["minLength"] = dec["minLength"][0]
    if "minValue" in dec:
        out["minValue"] = dec["minValue"][0]
    if "maxValue" in dec:
        out["maxValue"] = dec["maxValue"][0]
    if "allowed" in dec:
        out["allowedValues"] = dec["allowed"][0]
    if "description" in dec:
        out["metadata"] = {"description": dec["description"][0]}
    return out


def diff(a, b, path="$"):
    """First difference between two JSON values, as a path and the two sides; None when equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return "%s.%s only in %s" % (path, key, "ARM" if key in a else "Bicep")
            found = diff(a[key], b[key], path + "." + key)
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return "%s: %d items in ARM, %d in Bicep" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            found = diff(x, y, "%s[%d]" % (path, i))
            if found:
                return found
        return None
    if a != b or type(a) is not type(b):
        return "%s: ARM %r, Bicep %r" % (path, a, b)
    return None


# ---------------------------------------------------------------- the checks

def main():
    parsed = {}
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".json"):
            try:
                with open(os.path.join(HERE, name), encoding="utf-8") as f:
                    parsed[name] = json.load(f)
                check(name + " parses", True)
            except ValueError as e:
                check(name + " parses", False, str(e))

    arm = parsed.get("signin-alert-rule.json")
    with open(os.path.join(HERE, "signin-failures.kql"), encoding="utf-8") as f:
        kql = f.read()
    with open(os.path.join(HERE, "signin-alert-rule.bicep"), encoding="utf-8") as f:
        bicep_text = f.read()
    try:
        params, variables, resources, outputs = Parser(bicep_text).program()
        check("signin-alert-rule.bicep reads", True)
    except (SyntaxError, ValueError) as e:
        check("signin-alert-rule.bicep reads", False, str(e))
        return
    if arm is None:
        check("signin-alert-rule.json present", False)
        return

    # Parameters
    check("same parameter names", sorted(arm["parameters"]) == sorted(params),
          "ARM %s, Bicep %s" % (sorted(arm["parameters"]), sorted(params)))
    for name, bicep in params.items():
        if name in arm["parameters"]:
            found = diff(arm["parameters"][name], arm_param(name, bicep))
            check("parameter %s agrees" % name, found is None, found or "")

    # The query: Bicep loads the .kql file; ARM must hold the same text.
    load = variables.get("query")
    check("Bicep loads the query from signin-failures.kql",
          isinstance(load, Ref) and load.path == "loadTextContent()" and load.args == ["signin-failures.kql"])
    check("ARM query variable equals signin-failures.kql", arm.get("variables", {}).get("query") == kql)
    check("same variable names", sorted(arm.get("variables", {})) == sorted(variables))

    # Resources: same types, versions and bodies; ARM's dependsOn is what Bicep infers from actionGroup.id.
    arm_by_type = {r["type"]: r for r in arm["resources"]}
    bicep_by_type = {r["type"]: (sym, r) for sym, r in resources.items()}
    check("same resource types", sorted(arm_by_type) == sorted(bicep_by_type),
          "ARM %s, Bicep %s" % (sorted(arm_by_type), sorted(bicep_by_type)))
    for type_, (sym, res) in bicep_by_type.items():
        a = arm_by_type.get(type_)
        if a is None:
            continue
        check("%s API version agrees (%s)" % (type_, res["apiVersion"]), a["apiVersion"] == res["apiVersion"])
        body = to_arm(res["body"], params, variables, resources)
        arm_body = {k: v for k, v in a.items() if k not in ("type", "apiVersion", "dependsOn")}
        found = diff(arm_body, body)
        check("%s body agrees" % type_, found is None, found or "")
        needs = sorted(set(re.findall(r"\b(\w+)\.id\b", json.dumps(res["body"], default=repr))) & set(resources))
        wanted = sorted(to_arm(Ref(n + ".id"), params, variables, resources) for n in needs)
        check("%s dependsOn matches its references" % type_, sorted(a.get("dependsOn", [])) == wanted,
              "%s versus %s" % (a.get("dependsOn", []), wanted))

    # Outputs: Bicep's symbol.id is a resourceId() in ARM.
    check("same outputs", sorted(arm.get("outputs", {})) == sorted(outputs))
    for name, out in outputs.items():
        if name in arm.get("outputs", {}):
            expected = {"type": out["type"], "value": to_arm(out["value"], params, variables, resources)}
            found = diff(arm["outputs"][name], expected)
            check("output %s agrees" % name, found is None, found or "")

    # The shape the bot depends on.
    rule = arm_by_type.get("Microsoft.Insights/scheduledQueryRules", {}).get("properties", {})
    crit = rule.get("criteria", {}).get("allOf", [{}])[0]
    check("rule splits by ResultType, all values",
          crit.get("dimensions") == [{"name": "ResultType", "operator": "Include", "values": ["*"]}])
    check("rule counts rows, every 5 minutes over 5 minutes, 1 of 1 periods",
          crit.get("timeAggregation") == "Count" and crit.get("operator") == "GreaterThan"
          and rule.get("evaluationFrequency") == "PT5M" and rule.get("windowSize") == "PT5M"
          and crit.get("failingPeriods") == {"numberOfEvaluationPeriods": 1, "minFailingPeriodsToAlert": 1})
    check("rule does not auto-resolve", rule.get("autoMitigate") is False)
    group = arm_by_type.get("Microsoft.Insights/actionGroups", {}).get("properties", {})
    hooks = group.get("webhookReceivers", [])
    check("action group posts the common alert schema to the secure webhook parameter",
          len(hooks) == 1 and hooks[0].get("useCommonAlertSchema") is True
          and hooks[0].get("serviceUri") == "[parameters('alertsWebhookUrl')]"
          and arm["parameters"]["alertsWebhookUrl"]["type"] == "securestring")
    query_lines = [l for l in kql.splitlines() if not l.lstrip().startswith("//")]
    check("query keeps ResultType in its output and does not summarise",
          any(l.lstrip().startswith("| project") and "ResultType" in l for l in query_lines)
          and not any("summarize" in l for l in query_lines))

    # Samples.
    v2 = parsed.get("sample-log-alert-v2.json", {})
    try:
        cond = v2["data"]["alertContext"]["condition"]["allOf"][0]
        ok = (v2["schemaId"] == "azureMonitorCommonAlertSchema"
              and v2["data"]["essentials"]["monitoringService"] == "Log Alerts V2"
              and v2["data"]["alertContext"]["conditionType"] == "LogQueryCriteria"
              and cond["dimensions"] == [{"name": "ResultType", "value": "50126"}]
              and cond["metricValue"] == 12)
    except (KeyError, IndexError, TypeError):
        ok = False
    check("sample-log-alert-v2.json: Log Alerts V2, ResultType 50126, metricValue 12", ok)
    graph = parsed.get("sample-graph-signin.json", {})
    try:
        ok = bool(graph["value"]) and all(s["status"]["errorCode"] != 0 for s in graph["value"]) \
            and graph["value"][0]["status"]["errorCode"] == 50126
    except (KeyError, IndexError, TypeError):
        ok = False
    check("sample-graph-signin.json: a value array of failed signIns, the first 50126", ok)


if __name__ == "__main__":
    main()
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    sys.exit(1 if results["failed"] else 0)
