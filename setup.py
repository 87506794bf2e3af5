"""Packages: everything under annotator/, plus `annotator.resources`, the bundled data (gazetteer,
map), which lives in the top-level resources/ folder and is shipped inside the package: an
installed Annotator reads it with importlib.resources from its own site-packages folder.
(pyproject.toml holds everything else; setup.py only because its package finder cannot map one
extra package onto another folder.)"""

from setuptools import find_packages, setup

setup(
    # the data folders are packages too (listed, so setuptools does not warn that it would ignore them)
    packages=[*find_packages(include=["annotator", "annotator.*"]), "annotator.resources",
              "annotator.resources.gazetteer", "annotator.resources.map"],
    package_dir={"annotator.resources": "resources"},
)
