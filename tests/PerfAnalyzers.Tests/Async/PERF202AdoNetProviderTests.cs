using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, PerfAnalyzers.Async.PERF202SyncOverAsyncCallCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// An async method of ADO.NET's base classes that the provider does not override runs the synchronous one
    /// (docs/rules/PERF202.md): SqlClient's transactions. What SqlClient does make asynchronous is still reported.
    /// </summary>
    public class PERF202AdoNetProviderTests
    {
        private const string Usings = """
            using System.Data.Common;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;

            """;

        [Fact]
        public Task Ignores_sqlclient_transaction_calls_whose_async_form_is_the_base_default() => VerifyCS.AnalyzerAsync(Usings + """
            public class Store
            {
                public async Task SaveAsync(string connectionString)
                {
                    await using var connection = new SqlConnection(connectionString);
                    await connection.OpenAsync();
                    using var transaction = connection.BeginTransaction();
                    using var command = new SqlCommand("update t set x = 1", connection, transaction);
                    await command.ExecuteNonQueryAsync();
                    transaction.Commit();
                }

                public async Task UndoAsync(SqlTransaction transaction)
                {
                    await Task.Yield();
                    transaction.Rollback();
                }
            }
            """);

        [Fact]
        public Task Reports_sqlclient_calls_it_makes_asynchronous_and_transactions_of_an_unknown_provider() => VerifyCS.AnalyzerAsync(Usings + """
            public class Store
            {
                public async Task<int> SaveAsync(string connectionString, DbTransaction anyProvider)
                {
                    await Task.Yield();
                    using var connection = new SqlConnection(connectionString);
                    {|PERF202:connection.Open()|};
                    using var command = new SqlCommand("select count(*) from t", connection);
                    var count = (int){|PERF202:command.ExecuteScalar()|}!;
                    {|PERF202:anyProvider.Commit()|};
                    return count;
                }
            }
            """);

        // The base's BeginTransactionAsync gives a DbTransaction: where the code needs the provider's own type, no fix.
        [Fact]
        public Task Offers_no_fix_when_the_awaited_value_is_a_base_class_of_what_the_code_used() => VerifyFix.NoCodeFixAsync(Usings + """
            public abstract class Connection : DbConnection
            {
                public new Transaction BeginTransaction() => (Transaction)BeginDbTransaction(System.Data.IsolationLevel.Unspecified);
                protected override ValueTask<DbTransaction> BeginDbTransactionAsync(System.Data.IsolationLevel level, System.Threading.CancellationToken token) => default;
            }

            public abstract class Transaction : DbTransaction
            {
            }

            public class Store
            {
                public async Task SaveAsync(Connection connection)
                {
                    await Task.Yield();
                    Transaction transaction = {|PERF202:connection.BeginTransaction()|};
                }
            }
            """);

        [Fact]
        public Task Fix_awaits_a_commit_the_provider_makes_asynchronous() => VerifyFix.CodeFixAsync(Usings + """
            public abstract class Transaction : DbTransaction
            {
                public override Task CommitAsync(System.Threading.CancellationToken token = default) => Task.CompletedTask;
            }

            public class Store
            {
                public async Task SaveAsync(Transaction transaction)
                {
                    await Task.Yield();
                    {|PERF202:transaction.Commit()|};
                }
            }
            """, Usings + """
            public abstract class Transaction : DbTransaction
            {
                public override Task CommitAsync(System.Threading.CancellationToken token = default) => Task.CompletedTask;
            }

            public class Store
            {
                public async Task SaveAsync(Transaction transaction)
                {
                    await Task.Yield();
                    await transaction.CommitAsync();
                }
            }
            """);
    }
}
