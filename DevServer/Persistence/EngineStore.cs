using System.Globalization;
using System.Text.Json;
using FoodDelivery.DevServer.Engine;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Temporalio.Api.History.V1;

namespace FoodDelivery.DevServer.Persistence;

/// <summary>
/// The engine file: a SQLite database in WAL mode. Each run is its history (one row per event, appended) plus its
/// small state as JSON (rewritten when it changes); namespaces and the clock offset beside them. The engine calls
/// <see cref="Write"/> once per state change, inside its lock and before answering, so everything a client or worker
/// was told is in the file (WAL with synchronous=NORMAL: a killed process loses nothing that was committed).
/// Not thread-safe: the engine lock serializes all calls.
/// </summary>
internal sealed class EngineStore : IDisposable
{
    /// <summary>The file format this engine writes and reads. Bump it (and add a migration or a refusal) on any change.</summary>
    public const int FormatVersion = 1;

    /// <summary>SQLite application_id marking a DevServer engine file ("FDVE").</summary>
    private const int ApplicationId = 0x46445645;

    private const string ClockOffsetKey = "clock_offset_ticks";

    private static readonly string[] Schema =
    [
        "CREATE TABLE engine (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE namespaces (name TEXT PRIMARY KEY, id TEXT NOT NULL, description TEXT NOT NULL, retention_ticks INTEGER NOT NULL)",
        "CREATE TABLE runs (run_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, state BLOB NOT NULL)",
        "CREATE TABLE events (run_id TEXT NOT NULL, event_id INTEGER NOT NULL, event BLOB NOT NULL, PRIMARY KEY (run_id, event_id)) WITHOUT ROWID",
        $"PRAGMA application_id = {ApplicationId}",
        $"PRAGMA user_version = {FormatVersion}",
    ];

    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly SqliteCommand _upsertNamespace;
    private readonly SqliteCommand _upsertSetting;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertRun;
    private readonly SqliteCommand _deleteRun;
    private readonly SqliteCommand _deleteEvents;

    private EngineStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        _path = path;
        _upsertNamespace = Prepare("INSERT OR REPLACE INTO namespaces (name, id, description, retention_ticks) VALUES ($name, $id, $description, $retention)", "$name", "$id", "$description", "$retention");
        _upsertSetting = Prepare("INSERT OR REPLACE INTO engine (key, value) VALUES ($key, $value)", "$key", "$value");
        _insertEvent = Prepare("INSERT INTO events (run_id, event_id, event) VALUES ($run, $id, $event)", "$run", "$id", "$event");
        _upsertRun = Prepare("INSERT OR REPLACE INTO runs (run_id, seq, state) VALUES ($run, $seq, $state)", "$run", "$seq", "$state");
        _deleteRun = Prepare("DELETE FROM runs WHERE run_id = $run", "$run");
        _deleteEvents = Prepare("DELETE FROM events WHERE run_id = $run", "$run");
    }

    /// <summary>
    /// Opens (or creates) the engine file. A file that is corrupt, not an engine file, or of another format is
    /// refused with <see cref="DevServerFileException"/> and left untouched (it is checked read-only first).
    /// </summary>
    public static EngineStore Open(string fileName)
    {
        var path = Path.GetFullPath(fileName);
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0 || IsEmptyDatabase(path);
        if (!isNew)
        {
            Validate(path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = NORMAL");
            if (isNew)
            {
                using var transaction = connection.BeginTransaction();
                foreach (var statement in Schema)
                {
                    Execute(connection, statement, transaction);
                }

                transaction.Commit();
            }

            return new EngineStore(connection, path);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DevServerFileException($"cannot open the engine file '{path}': {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Reads everything back; an unreadable row means a damaged file and is refused.</summary>
    public StoredState Load()
    {
        try
        {
            var offset = TimeSpan.Zero;
            using (var reader = Query("SELECT value FROM engine WHERE key = $key", ("$key", ClockOffsetKey)))
            {
                if (reader.Read())
                {
                    offset = TimeSpan.FromTicks(long.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
                }
            }

            var namespaces = new List<NamespaceEntry>();
            using (var reader = Query("SELECT name, id, description, retention_ticks FROM namespaces"))
            {
                while (reader.Read())
                {
                    namespaces.Add(new NamespaceEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), TimeSpan.FromTicks(reader.GetInt64(3))));
                }
            }

            var histories = new Dictionary<string, List<HistoryEvent>>(StringComparer.Ordinal);
            using (var reader = Query("SELECT run_id, event_id, event FROM events ORDER BY run_id, event_id"))
            {
                while (reader.Read())
                {
                    var runId = reader.GetString(0);
                    if (!histories.TryGetValue(runId, out var events))
                    {
                        events = [];
                        histories[runId] = events;
                    }

                    var historyEvent = HistoryEvent.Parser.ParseFrom((byte[])reader.GetValue(2));
                    if (historyEvent.EventId != reader.GetInt64(1) || historyEvent.EventId != events.Count + 1)
                    {
                        throw new InvalidDataException($"run {runId}: event {reader.GetInt64(1)} is out of sequence");
                    }

                    events.Add(historyEvent);
                }
            }

            var runs = new List<StoredRun>();
            using (var reader = Query("SELECT run_id, seq, state FROM runs ORDER BY seq"))
            {
                while (reader.Read())
                {
                    var record = JsonSerializer.Deserialize((byte[])reader.GetValue(2), RunRecordJson.Default.RunRecord)
                        ?? throw new InvalidDataException("empty run state");
                    var history = histories.GetValueOrDefault(reader.GetString(0)) ?? [];
                    if (history.Count == 0)
                    {
                        throw new InvalidDataException($"run {record.RunId} has no history");
                    }

                    runs.Add(new StoredRun(reader.GetInt64(1), record, history));
                }
            }

            return new StoredState(offset, namespaces, runs);
        }
        catch (Exception e) when (e is SqliteException or JsonException or InvalidProtocolBufferException or InvalidDataException or FormatException or InvalidCastException)
        {
            throw Corrupt(_path, e);
        }
    }

    /// <summary>Writes one state change in one transaction; returns when it is committed.</summary>
    public void Write(StoreChanges changes)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var entry in changes.Namespaces)
        {
            Run(_upsertNamespace, transaction, entry.Name, entry.Id, entry.Description, entry.Retention.Ticks);
        }

        if (changes.ClockOffset is { } offset)
        {
            Run(_upsertSetting, transaction, ClockOffsetKey, offset.Ticks.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (sequence, record, newEvents) in changes.Runs)
        {
            foreach (var historyEvent in newEvents)
            {
                Run(_insertEvent, transaction, record.RunId, historyEvent.EventId, historyEvent.ToByteArray());
            }

            Run(_upsertRun, transaction, record.RunId, sequence, JsonSerializer.SerializeToUtf8Bytes(record, RunRecordJson.Default.RunRecord));
        }

        foreach (var runId in changes.DeletedRunIds)
        {
            Run(_deleteRun, transaction, runId);
            Run(_deleteEvents, transaction, runId);
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _upsertNamespace, _upsertSetting, _insertEvent, _upsertRun, _deleteRun, _deleteEvents })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>A SQLite file with no tables, application id or version: what a create killed before its first commit leaves.</summary>
    private static bool IsEmptyDatabase(string path)
    {
        try
        {
            using var connection = OpenReadOnly(path);
            return Scalar(connection, "PRAGMA application_id") == 0
                && Scalar(connection, "PRAGMA user_version") == 0
                && Scalar(connection, "SELECT count(*) FROM sqlite_master") == 0;
        }
        catch (SqliteException)
        {
            return false; // not a database at all: Validate says so
        }
    }

    /// <summary>Checks identity, format and integrity read-only, so a refused file is not modified.</summary>
    private static void Validate(string path)
    {
        try
        {
            using var connection = OpenReadOnly(path);
            var applicationId = Scalar(connection, "PRAGMA application_id");
            if (applicationId != ApplicationId)
            {
                throw new DevServerFileException(
                    $"'{path}' is not a DevServer engine file (SQLite application id {applicationId}); refusing to use it. Pass another --db-filename.");
            }

            var version = Scalar(connection, "PRAGMA user_version");
            if (version > FormatVersion)
            {
                throw new DevServerFileException(
                    $"'{path}' was written by a newer DevServer (file format {version}); this one reads format {FormatVersion}. Use that version, or another file.");
            }

            if (version < FormatVersion)
            {
                throw new DevServerFileException(
                    $"'{path}' was written by an older DevServer (file format {version}) and there is no migration to format {FormatVersion}; refusing to use it. Delete it to start empty (its workflows are lost) or pass another file.");
            }

            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            var result = check.ExecuteScalar() as string;
            if (result != "ok")
            {
                throw new InvalidDataException($"integrity check: {result}");
            }
        }
        catch (Exception e) when (e is SqliteException or InvalidDataException)
        {
            throw Corrupt(path, e);
        }
    }

    private static DevServerFileException Corrupt(string path, Exception cause) =>
        new($"'{path}' is corrupt or not a DevServer engine file ({cause.Message.ReplaceLineEndings(" ")}); refusing to use it and leaving it untouched.", cause);

    private static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private SqliteDataReader Query(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteReader(System.Data.CommandBehavior.Default);
    }

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
