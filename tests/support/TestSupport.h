#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Earmark::Test {

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool crashed = false;
};

// Path of a built executable of this project, e.g. binaryPath("earmark-cli").
QString binaryPath(const QString& name);
// A file under tests/ in the source tree.
QString sourcePath(const QString& relative);

// Runs a program to completion (no standard input) with the given environment.
ProcessResult run(const QString& program, const QStringList& args,
    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(), int timeoutMs = 240000);
ProcessResult runCli(
    const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

// Every file below dir (recursively) whose bytes contain any of needles; returns "file: needle" lines.
QStringList filesContaining(const QString& dir, const QList<QByteArray>& needles);

// Copies a folder with everything below it (hidden files too): a cache folder as a backup would.
void copyDir(const QString& from, const QString& to);

// Writes a file, creating parent folders.
void writeFile(const QString& path, const QByteArray& bytes);
QByteArray readFile(const QString& path);
QString sha256Hex(const QByteArray& bytes);

// Byte strings that mark the store's audio formats (WAV, Opus, FLAC headers), long enough (8 bytes) that random
// ciphertext never holds one by chance: a 4-byte "RIFF" turns up in about one run in a hundred over megabytes.
QList<QByteArray> audioSignatures();

} // namespace Earmark::Test
