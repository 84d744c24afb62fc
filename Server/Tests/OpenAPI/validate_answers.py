#!/usr/bin/env python3
"""Validates answers of parley-server against its OpenAPI document.

Usage: validate_answers.py DOCUMENT ANSWERS

ANSWERS is a JSON list of {"method", "path", "status", "content_type", "body"}, where "path" is
the operation's path as the document spells it (`/api/v1/statements/{number}/amend`). Each
answer's status must be one the operation documents, its content type the documented one, and
its body must match the documented schema with every object closed: a field the server writes
that the document does not list is an error here, so that the document cannot fall behind the
reports (the document itself leaves objects open, for clients of later versions).

Prints one line per problem and exits 1 if there is any; exits 2 when a tool is missing.
"""
import copy
import json
import sys

try:
    from jsonschema.exceptions import best_match
    from openapi_schema_validator import OAS31Validator
except ImportError as error:  # pragma: no cover - reported by the caller as a skip or a failure
    print(f"missing: {error.name} (pip install jsonschema openapi-schema-validator)")
    sys.exit(2)


def closed(node):
    """The schema with every object that lists properties closed to others."""
    if isinstance(node, dict):
        node = {key: closed(value) for key, value in node.items()}
        if "properties" in node and node.get("type") == "object" and "additionalProperties" not in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [closed(item) for item in node]
    return node


def pointer(*parts):
    return "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def main():
    document = json.load(open(sys.argv[1]))
    answers = json.load(open(sys.argv[2]))
    strict = closed(copy.deepcopy(document))
    problems = []
    checked = 0
    for answer in answers:
        where = f"{answer['method']} {answer.get('url', answer['path'])} → {answer['status']}"
        operation = document["paths"].get(answer["path"], {}).get(answer["method"].lower())
        if operation is None:
            problems.append(f"{where}: the document has no such operation")
            continue
        status = str(answer["status"])
        response = operation["responses"].get(status)
        parts = ["paths", answer["path"], answer["method"].lower(), "responses", status]
        if response is None:
            problems.append(f"{where}: status {status} is not documented (documented: {sorted(operation['responses'])})")
            continue
        if "$ref" in response:
            name = response["$ref"].rsplit("/", 1)[1]
            response = document["components"]["responses"][name]
            parts = ["components", "responses", name]
        media = answer["content_type"].split(";")[0].strip()
        if media not in response.get("content", {}):
            problems.append(f"{where}: content type {media} is not documented ({sorted(response.get('content', {}))})")
            continue
        try:
            body = json.loads(answer["body"])
        except ValueError as error:
            problems.append(f"{where}: the body is not JSON ({error})")
            continue
        schema = dict(strict)
        schema["$ref"] = pointer(*parts, "content", media, "schema")
        validator = OAS31Validator(schema)
        error = best_match(validator.iter_errors(body))
        checked += 1
        if error is not None:
            location = "/".join(str(part) for part in error.absolute_path) or "(the body)"
            problems.append(f"{where}: at {location}: {error.message[:300]}")
    for problem in problems:
        print(problem)
    print(f"{checked} answers validated against the document, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
