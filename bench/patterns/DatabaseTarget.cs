using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Patterns;

/// <summary>
/// The database the database-access scenarios (family 1) run on: the sample's SQLite file by default, or a PostgreSQL
/// server (<c>--postgres CONNECTION</c>, started by <c>bench/patterns/with-postgres.sh</c>), where every query is a
/// network round trip, as in production. The HTTP scenarios always use the SQLite file.
/// </summary>
public sealed class DatabaseTarget
{
    private readonly string _connectionString;

    private DatabaseTarget(string description, bool isPostgres, string connectionString)
    {
        Description = description;
        IsPostgres = isPostgres;
        _connectionString = connectionString;
    }

    /// <summary>What the report says the data sits in.</summary>
    public string Description { get; }

    public bool IsPostgres { get; }

    public static DatabaseTarget Sqlite(string databasePath)
        => new($"SQLite file database", isPostgres: false, $"Data Source={databasePath}");

    /// <summary>A database named <paramref name="database"/> on the server <paramref name="serverConnectionString"/> points at.</summary>
    public static DatabaseTarget Postgres(string serverConnectionString, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database };
        return new($"PostgreSQL server on {builder.Host}:{builder.Port} (TCP)", isPostgres: true, builder.ConnectionString);
    }

    /// <summary>A sibling database for a scenario with its own model: another file, or another database on the same server.</summary>
    public DatabaseTarget Sibling(string name)
    {
        if (IsPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(_connectionString);
            builder.Database = builder.Database + "_" + name;
            return new(Description, isPostgres: true, builder.ConnectionString);
        }

        var path = new SqliteConnectionStringBuilder(_connectionString).DataSource;
        return Sqlite(Path.Combine(Path.GetDirectoryName(path)!, name + ".db"));
    }

    public DbContextOptionsBuilder<TContext> Use<TContext>(DbContextOptionsBuilder<TContext> builder)
        where TContext : DbContext
        => IsPostgres ? builder.UseNpgsql(_connectionString) : builder.UseSqlite(_connectionString);

    public DbConnection OpenConnection()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Drops what an earlier run left (the SQLite file and its journals, or the database) and creates the schema.</summary>
    public void Recreate(DbContext context)
    {
        if (!IsPostgres)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(_connectionString).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            context.Database.EnsureDeleted();
        }

        context.Database.EnsureCreated();
    }

    /// <summary>
    /// Inserts <paramref name="count"/> rows with one prepared command in <paramref name="transaction"/>. The SQL
    /// quotes its identifiers and names its parameters <c>@p0</c>, <c>@p1</c>, …, which both providers accept.
    /// </summary>
    public static void Insert(DbConnection connection, DbTransaction transaction, string sql, int count, Action<DbParameterCollection, int> bind, int parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var p = 0; p < parameters; p++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + p;
            command.Parameters.Add(parameter);
        }

        for (var i = 1; i <= count; i++)
        {
            bind(command.Parameters, i);
            if (i == 1)
            {
                // Prepared once the parameters have values: PostgreSQL infers their types from them.
                command.Prepare();
            }

            command.ExecuteNonQuery();
        }
    }

    /// <summary>Refreshes the planner's statistics after seeding (the same statement on both).</summary>
    public static void Analyze(DbConnection connection)
    {
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }
}
