"""Paths in, documents out: files, folders (recursive), .zip, .gz, .tar(.gz|.bz2|.xz) and stdin.

A Document is one unit a reader parses: a file, an archive member, or stdin. Containers are recognised by
their magic bytes, not their names. Every document is read under a size cap (after decompression), which
also stops zip bombs; a container that breaks half-way yields what it held before the break, then a Problem.
Whatever is left out on the way (a FIFO, a folder that cannot be listed, a link to a folder, a member that is not a
file) is named by a Problem; names become valid text where they come in, whatever bytes they were made of.

For a distributed ingest, ``partitions`` groups the same documents into pieces another process can open by
itself: files by their path, long JSON Lines and WARC files cut at record boundaries, archive members and stdin
by their bytes.

The parts, a module each; each module imports only those before it in this order:

    names          names as valid text; an archive member's name, and hidden members
    document       Document, read under its size cap
    zipheaders     a zip read by its members' local headers, when its central directory is lost
    archives       containers (.zip, .gz, .bz2, .xz, .tar), recognised by their magic bytes, nested
    paths          files, folders and stdin: ``documents``
    partitioning   ``partitions``: the same documents in pieces another process can open
"""

from __future__ import annotations

from .document import Document
from .partitioning import JSON_LINES_SUFFIXES, partitions
from .paths import documents

__all__ = ["JSON_LINES_SUFFIXES", "Document", "documents", "partitions"]
