"""Compiles Python pipeline files with the real kfp compiler (the oracle in ../shared).

Reads a JSON list of jobs on stdin:
[{"py": <file>, "func": <name, optional>, "pipelineName": <name, optional>, "out": <yaml>}].
Writes one JSON line per job on stdout: {"out": ..., "ok": true} or {"out": ..., "error": ...}.

Each file is imported (not run as __main__), from its own directory so relative reads work.
Without "func", the function is the component whose name is "pipelineName", else the one the file's __main__ block compiles
(`compile(pipeline_func=X` or `compile(X,`), else the only pipeline defined at module level.
"""
import contextlib
import importlib.util
import io
import json
import os
import re
import sys
import traceback
import types

from kfp import compiler
from kfp.dsl import base_component, graph_component

CORPUS_ROOT = os.environ.get('KFP_ORACLE_CORPUS', '')


def install_upstream_test_utils():
    """Upstream's test helper `sdk.python.test.test_utils.file_utils`, pointed at the corpus."""
    if not CORPUS_ROOT:
        return
    valid = os.path.join(CORPUS_ROOT, 'valid')

    class FileUtils:
        VALID_PIPELINE_FILES = valid
        TEST_DATA = os.path.dirname(CORPUS_ROOT)

    names = ['sdk', 'sdk.python', 'sdk.python.test', 'sdk.python.test.test_utils',
             'sdk.python.test.test_utils.file_utils']
    for name in names:
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules['sdk.python.test.test_utils.file_utils'].FileUtils = FileUtils


def function_of(path, module, pipeline_name=None):
    if pipeline_name:
        named = [v for v in vars(module).values()
                 if isinstance(v, base_component.BaseComponent) and v.name == pipeline_name]
        if len(named) == 1:
            return named[0]
    with open(path, encoding='utf-8') as f:
        text = f.read()
    main = text.split("if __name__ ==", 1)
    if len(main) == 2:
        m = re.search(r'compile\(\s*(?:pipeline_func\s*=\s*)?([A-Za-z_][A-Za-z0-9_]*)', main[1])
        if m and hasattr(module, m.group(1)):
            return getattr(module, m.group(1))
    pipelines = [v for k, v in vars(module).items()
                 if isinstance(v, graph_component.GraphComponent) and not k.startswith('_')]
    if len(pipelines) == 1:
        return pipelines[0]
    components = [v for v in vars(module).values() if isinstance(v, base_component.BaseComponent)]
    if not pipelines and len(components) == 1:
        return components[0]
    raise ValueError(f'cannot tell which pipeline to compile in {path}: pass "func"')


def compile_one(job, index):
    path = os.path.abspath(job['py'])
    cwd = os.getcwd()
    os.chdir(os.path.dirname(path))
    sys.path.insert(0, os.path.dirname(path))
    try:
        spec = importlib.util.spec_from_file_location(f'oracle_job_{index}', path)
        module = importlib.util.module_from_spec(spec)
        # Registered as Python's import does, so that `inspect` finds the classes of the file.
        sys.modules[spec.name] = module
        with contextlib.redirect_stdout(io.StringIO()):
            spec.loader.exec_module(module)
            func = getattr(module, job['func']) if job.get('func') else function_of(path, module, job.get('pipelineName'))
            compiler.Compiler().compile(func, os.path.abspath(os.path.join(cwd, job['out'])))
        return {'out': job['out'], 'ok': True}
    except BaseException as e:  # noqa: BLE001 - report every failure as data
        return {'out': job['out'], 'error': f'{type(e).__name__}: {e}',
                'trace': traceback.format_exc(limit=4)}
    finally:
        sys.modules.pop(f'oracle_job_{index}', None)
        sys.path.pop(0)
        os.chdir(cwd)


def main():
    install_upstream_test_utils()
    jobs = json.load(sys.stdin)
    for i, job in enumerate(jobs):
        print(json.dumps(compile_one(job, i)), flush=True)


if __name__ == '__main__':
    main()
