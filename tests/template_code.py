"""One cache of compiled templates per test process (see SharedTemplateCode)."""

from __future__ import annotations

from jinja2 import BytecodeCache


class SharedTemplateCode(BytecodeCache):
    """Compiled templates, shared by every app this test process makes.

    Each test gets a new app, and each new app would parse and compile every template it renders
    again (a quarter of a Flask test's time). Jinja keys each entry by the template's name and a
    checksum of its source, so an edited template is compiled afresh. Every app that shares it is made
    by create_app, with the same template settings, so the compiled code is the same.
    """

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = SharedTemplateCode()
