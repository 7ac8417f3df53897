using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using Verify201 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer>;
using Verify202 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using Verify203 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF203ThreadSleepAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// Waits on tasks that have finished, in shapes found in real applications (BTCPay Server, Smartstore), and the
    /// synchronous branch of methods that serve both kinds of caller (docs/rules/PERF201.md, docs/concepts.md#async-context).
    /// </summary>
    public class PERF201FinishedTaskShapesTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            """;

        // ---- Not flagged: the task has finished ----

        // smtp4dev's IMAP start-up: WaitAny returned the error task's position, so that task has completed.
        [Fact]
        public Task Ignores_the_result_of_the_task_whose_position_WaitAny_returned() => Verify201.AnalyzerAsync(Usings + """
            public class Starter
            {
                public async Task StartAsync(Task<string> started, Task<Exception> failed)
                {
                    await Task.Yield();
                    int index = {|PERF201:Task.WaitAny(started, failed, Task.Delay(30000))|};
                    if (index == 1)
                    {
                        Console.WriteLine(failed.Result.Message);
                    }
                    else if (0 == index)
                    {
                        Console.WriteLine(started.Result);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_the_result_of_another_task_than_the_one_WaitAny_returned() => Verify201.AnalyzerAsync(Usings + """
            public class Starter
            {
                public async Task StartAsync(Task<string> started, Task<Exception> failed, Task[] all)
                {
                    await Task.Yield();
                    int index = {|PERF201:Task.WaitAny(started, failed, Task.Delay(30000))|};
                    if (index == 1)
                    {
                        Console.WriteLine({|PERF201:started.Result|});
                    }

                    if (index != 0)
                    {
                        Console.WriteLine({|PERF201:started.Result|});
                    }

                    var any = {|PERF201:Task.WaitAny(all)|};
                    if (any == 0)
                    {
                        Console.WriteLine({|PERF201:failed.Result|});
                    }
                }
            }
            """);


        // A council's finance API starts its calls together, puts the tasks in a list and reads each result after one WhenAll.
        [Fact]
        public Task Ignores_tasks_put_in_a_list_before_WhenAll_over_the_list_was_awaited() => Verify201.AnalyzerAsync(Usings + """
            public class Summary
            {
                public async Task<string> GetAsync(Func<Task<string>> person, Func<Task<string>> contact, Func<Task<int>> account)
                {
                    var personTask = person();
                    var contactTask = contact();
                    var tasks = new List<Task>();
                    tasks.AddRange(new List<Task> { { personTask }, { contactTask } });
                    await Task.WhenAll(tasks).ConfigureAwait(false);
                    tasks.Clear();

                    var accountTask = account();
                    List<Task> more = new List<Task>() { accountTask };
                    await Task.WhenAll(more);

                    Task<int> extraTask = null;
                    if (personTask.Result.Length > 3)
                    {
                        extraTask = account();
                        tasks.Add(extraTask);
                    }

                    await Task.WhenAll(tasks);
                    return personTask.Result + contactTask.Result + accountTask.Result + extraTask?.Result;
                }
            }
            """);

        [Fact]
        public Task Reports_a_task_not_in_the_list_added_after_the_WhenAll_or_removed_before_it() => Verify201.AnalyzerAsync(Usings + """
            public class Summary
            {
                public async Task<int> GetAsync(Func<Task<int>> start, bool both)
                {
                    var first = start();
                    var second = start();
                    var third = start();
                    var fourth = start();
                    var tasks = new List<Task> { first };
                    if (both)
                    {
                        tasks.Add(fourth);
                    }

                    await Task.WhenAll(tasks);
                    tasks.Add(second);
                    var all = new List<Task> { third };
                    all.Clear();
                    await Task.WhenAll(all);
                    return first.Result + (second?{|PERF201:.Result|} ?? 0) + {|PERF201:third.Result|} + {|PERF201:fourth.Result|};
                }

                public async Task<int> ReassignedAsync(Func<Task<int>> start)
                {
                    var task = start();
                    var tasks = new List<Task> { task };
                    task = start();
                    await Task.WhenAll(tasks);
                    return {|PERF201:task.Result|};
                }
            }
            """);

        [Fact]
        public Task Ignores_an_element_of_a_parameter_list_after_WhenAll_over_it_was_awaited() => Verify201.AnalyzerAsync(Usings + """
            public class Worker
            {
                public async Task<int> SumAsync(List<Task<int>> tasks)
                {
                    await Task.WhenAll(tasks);
                    return tasks[0].Result;
                }
            }
            """);

        // NuGetTrends' download worker keeps the combined task to read its exceptions, awaits it, then reads each result.
        [Fact]
        public Task Ignores_results_after_a_kept_WhenAll_was_awaited() => Verify201.AnalyzerAsync(Usings + """
            public class Worker
            {
                public async Task<int> SumAsync(List<Task<int>> tasks)
                {
                    var whenAll = Task.WhenAll(tasks);
                    try
                    {
                        await whenAll;
                    }
                    catch when (whenAll.Exception is { InnerExceptions.Count: > 1 } errors)
                    {
                        throw errors;
                    }

                    var sum = 0;
                    for (var i = 0; i < tasks.Count; i++)
                    {
                        sum += tasks[i].Result;
                    }

                    return sum;
                }
            }
            """);

        [Fact]
        public Task Reports_results_read_before_a_kept_WhenAll_is_awaited_or_of_tasks_it_does_not_hold() => Verify201.AnalyzerAsync(Usings + """
            public class Worker
            {
                public async Task<int> SumAsync(List<Task<int>> tasks, Task<int> other)
                {
                    var whenAll = Task.WhenAll(tasks);
                    var first = {|PERF201:tasks[0].Result|};
                    await whenAll.ConfigureAwait(false);
                    return first + {|PERF201:other.Result|};
                }

                public async Task<int> ReassignedAsync(List<Task<int>> tasks, Task<int> other)
                {
                    Task combined = Task.WhenAll(tasks);
                    combined = other;
                    await combined;
                    return {|PERF201:tasks[0].Result|};
                }
            }
            """);

        [Fact]
        public Task Ignores_a_local_assigned_from_Task_FromResult_and_read_in_a_loop() => Verify201.AnalyzerAsync(Usings + """
            public class Loader
            {
                public Task<IList<string>> LoadAsync(IEnumerable<string> names)
                {
                    var task = Task.FromResult<IList<string>>(new List<string>());
                    foreach (var name in names)
                    {
                        task.Result.Add(name);
                    }

                    return task;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_field_read_under_its_IsCompleted_check() => Verify201.AnalyzerAsync(Usings + """
            public class Scheduler
            {
                private Task<string> baseUriTask = Task.Run(() => "http://localhost");
                private string? baseUri;

                public async Task StartAsync()
                {
                    baseUri = baseUriTask.IsCompleted ? baseUriTask.Result : await baseUriTask;
                    if (this.baseUriTask.IsCompletedSuccessfully)
                    {
                        baseUri = this.baseUriTask.Result;
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_the_values_of_a_dictionary_of_tasks_awaited_through_WhenAll() => Verify201.AnalyzerAsync(Usings + """
            public class Rates
            {
                public async Task<Dictionary<string, decimal>> FetchAsync(Func<string, Task<decimal>> fetch, string[] pairs)
                {
                    var rateTasks = pairs.ToDictionary(p => p, fetch);
                    await Task.WhenAll(rateTasks.Values);
                    var result = new Dictionary<string, decimal>();
                    foreach (var rateTask in rateTasks)
                    {
                        result[rateTask.Key] = rateTask.Value.Result;
                    }

                    return result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_member_of_each_element_awaited_through_WhenAll_over_a_projection() => Verify201.AnalyzerAsync(Usings + """
            public class Checks
            {
                public async Task<List<(string, bool)>> RunAsync(Func<string, Task<bool>> check, string[] names)
                {
                    var results = names.Select(n => (n, check(n))).ToList();
                    await Task.WhenAll(results.Select(r => r.Item2));
                    results = results.OrderBy(r => r.Item1).ToList();
                    return results.Select(r => (r.Item1, r.Item2.Result)).ToList();
                }
            }
            """, frameworks: Frameworks.NetCore);

        // A recruitment service's geocoding handler keeps the lookups that found something.
        [Fact]
        public Task Ignores_the_values_of_a_filtered_dictionary_of_tasks_awaited_through_WhenAll() => Verify201.AnalyzerAsync(Usings + """
            public class Geocoder
            {
                public async Task<Dictionary<string, string>> LookupAsync(Func<string, Task<string?>> lookup, string[] postcodes)
                {
                    var lookups = postcodes.Distinct().ToDictionary(p => p, lookup);
                    await Task.WhenAll(lookups.Select(x => x.Value));
                    return lookups.Where(x => x.Value.Result is not null).OrderBy(x => x.Key).ToDictionary(x => x.Key, x => x.Value.Result!);
                }
            }
            """, frameworks: Frameworks.NetCore);

        // A projection makes new values: its elements are not the collection's.
        [Fact]
        public Task Reports_the_tasks_of_a_projection_of_a_dictionary_awaited_through_WhenAll() => Verify201.AnalyzerAsync(Usings + """
            public class Geocoder
            {
                public async Task<List<string?>> LookupAsync(Func<string, Task<string?>> lookup, Func<Task<string?>, Task<string?>> retry, string[] postcodes)
                {
                    var lookups = postcodes.Distinct().ToDictionary(p => p, lookup);
                    await Task.WhenAll(lookups.Select(x => x.Value));
                    return lookups.Select(x => retry(x.Value)).Select(t => {|PERF201:t.Result|}).ToList();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_the_antecedent_read_in_its_continuation() => Verify201.AnalyzerAsync(Usings + """
            public class Hooks
            {
                public Task<object?> ExecuteAsync(Func<Task<string>> hook)
                    => hook().ContinueWith(task => task.Result as object);
            }
            """, frameworks: Frameworks.NetCore);

        // An apprenticeship support site: each user fetch is continued into a result-or-exception wrapper, then all awaited.
        [Fact]
        public Task Ignores_the_antecedent_read_in_a_conditional_of_a_continuation_inside_a_Select() => Verify201.AnalyzerAsync(Usings + """
            public class UserService
            {
                private class ResultOrException<T>
                {
                    public ResultOrException(T result, string userRef) { Result = result; IsSuccess = true; }
                    public ResultOrException(Exception? ex, string userRef) { Exception = ex; }
                    public T? Result { get; }
                    public Exception? Exception { get; }
                    public bool IsSuccess { get; }
                }

                public async Task<int> CountAsync(Func<string, Task<string>> getUser, List<string> userRefs)
                {
                    var userTasks = userRefs
                        .Select(userRef =>
                        {
                            return getUser(userRef)
                                .ContinueWith(
                                    t => t.IsFaulted
                                        ? new ResultOrException<string>(t.Exception, userRef)
                                        : new ResultOrException<string>(t.Result, userRef));
                        });
                    var results = await Task.WhenAll(userTasks);
                    return results.Count(r => r.IsSuccess);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_the_antecedent_read_in_a_continuation_that_does_not_bind() => Verify201.AnalyzerAsync(Usings + """
            public class UserService
            {
                public class ResultOrException<T>
                {
                    public ResultOrException(T result, string userRef) { }
                    public ResultOrException(Exception? ex, string userRef) { }
                }

                public async Task<int> FetchAsync(Func<string, Task<string>> getUser, ICollection<{|CS0246:TeamMember|}> members)
                {
                    var userTasks = members.Select(member =>
                    {
                        return getUser(member.UserRef)
                            .ContinueWith(t => t.IsFaulted
                                ? new ResultOrException<string>({|CS1503:t.Exception|}, member.UserRef)
                                : new ResultOrException<string>(t.Result, member.UserRef));
                    });
                    var results = await Task.WhenAll(userTasks);
                    return results.Length;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_another_task_read_in_a_continuation_that_does_not_bind() => Verify201.AnalyzerAsync(Usings + """
            public class UserService
            {
                public Task<string> FetchAsync(Task<string> first, Task<string> second, {|CS0246:TeamMember|} member)
                    => first.ContinueWith(t => member.Describe(t.Result, {|PERF201:second.Result|}));
            }
            """, frameworks: Frameworks.NetCore);

        // ---- Flagged: the same shapes when nothing says the task finished ----

        [Fact]
        public Task Reports_a_field_awaited_earlier_or_read_without_a_check() => Verify201.AnalyzerAsync(Usings + """
            public class Scheduler
            {
                private Task<string> baseUriTask = Task.Run(() => "http://localhost");

                public async Task<string> StartAsync()
                {
                    await baseUriTask;
                    Refresh();
                    return {|PERF201:baseUriTask.Result|};
                }

                private void Refresh() => baseUriTask = Task.Run(() => "http://example.org");
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_values_of_a_dictionary_when_another_collection_was_awaited() => Verify201.AnalyzerAsync(Usings + """
            public class Rates
            {
                public async Task<decimal> FetchAsync(Dictionary<string, Task<decimal>> rateTasks, List<Task> others)
                {
                    await Task.WhenAll(others);
                    var total = 0m;
                    foreach (var rateTask in rateTasks)
                    {
                        total += {|PERF201:rateTask.Value.Result|};
                    }

                    return total;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_elements_after_the_collection_was_rebuilt_with_other_tasks() => Verify201.AnalyzerAsync(Usings + """
            public class Checks
            {
                public async Task<List<bool>> RunAsync(Func<string, Task<bool>> check, List<Task<bool>> tasks, string[] names)
                {
                    await Task.WhenAll(tasks);
                    tasks = names.Select(check).ToList();
                    return tasks.Select(t => {|PERF201:t.Result|}).ToList();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_another_task_read_in_a_continuation() => Verify201.AnalyzerAsync(Usings + """
            public class Hooks
            {
                public Task<string> ExecuteAsync(Task<string> first, Task<string> second)
                    => first.ContinueWith(task => task.Result + {|PERF201:second.Result|});
            }
            """, frameworks: Frameworks.NetCore);

        // An employer-finance site's orchestrators: the account client comes from a package the build did not bind (or
        // is still being typed), so WhenAll does not bind; a build that binds it completes both tasks.
        [Fact]
        public Task Ignores_a_result_after_WhenAll_awaited_with_an_argument_whose_type_does_not_bind() => Verify201.AnalyzerAsync(Usings + """
            public class Counts { public int Pledges { get; set; } }
            public class Transfers
            {
                public async Task<int> IndexAsync(Task<Counts> indexTask, {|CS0246:IAccountApiClient|} accounts)
                {
                    var accountTask = accounts.GetAccount("id");
                    await Task.WhenAll(indexTask, accountTask);
                    return indexTask.Result.Pledges;
                }

                public async Task<int> SummaryAsync(Task<Counts> indexTask, {|CS0246:IAccountApiClient|} accounts)
                {
                    var accountTask = accounts.GetAccount("id");
                    await Task.WhenAll(indexTask, accountTask).ConfigureAwait(false);
                    return indexTask.Result.Pledges;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_a_result_the_unbound_WhenAll_does_not_hold() => Verify201.AnalyzerAsync(Usings + """
            public class Counts { public int Pledges { get; set; } }
            public class Transfers
            {
                public async Task<int> IndexAsync(Task<Counts> indexTask, Task<Counts> otherTask, {|CS0246:IAccountApiClient|} accounts)
                {
                    var accountTask = accounts.GetAccount("id");
                    await Task.WhenAll(otherTask, accountTask);
                    return {|PERF201:indexTask.Result|}.Pledges;
                }
            }
            """, frameworks: Frameworks.NetCore);

        // ---- Methods that serve synchronous and asynchronous callers ----

        [Fact]
        public Task Ignores_the_synchronous_branch_of_a_method_with_an_async_flag() => Verify201.AnalyzerAsync(Usings + """
            public static class Files
            {
                public static bool WaitForUnlock(FileInfo file) => WaitForUnlockInternal(file, false).GetAwaiter().GetResult();

                private static async Task<bool> WaitForUnlockInternal(FileInfo file, bool async)
                {
                    if (async)
                    {
                        await Task.Delay(100);
                    }
                    else
                    {
                        Task.Delay(100).Wait();
                    }

                    return !async ? Task.Delay(1).ContinueWith(_ => true).Result : await Task.FromResult(true);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_a_branch_on_a_flag_that_is_not_about_asynchrony() => Verify201.AnalyzerAsync(Usings + """
            public static class Files
            {
                public static async Task<bool> WaitAsync(Task<bool> unlock, bool cached)
                {
                    if (cached)
                    {
                        await Task.Delay(100);
                        return true;
                    }
                    else
                    {
                        return {|PERF201:unlock.Result|};
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_thread_sleep_in_the_synchronous_branch_and_reports_it_elsewhere() => Verify203.AnalyzerAsync(Usings + """
            public static class Directories
            {
                private static async Task<bool> TryDeleteInternal(DirectoryInfo directory, bool async)
                {
                    if (async)
                    {
                        await Task.Delay(100);
                    }
                    else
                    {
                        Thread.Sleep(100);
                    }

                    {|PERF203:Thread.Sleep(10)|};
                    return true;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_the_synchronous_side_of_a_conditional_and_the_code_after_an_asynchronous_exit() => Verify202.AnalyzerAsync(Usings + """
            public static class Copier
            {
                public static async Task<int> ReadInternal(Stream stream, byte[] buffer, bool async)
                {
                    await Task.Yield();
                    return await (async ? stream.ReadAsync(buffer, 0, buffer.Length) : Task.FromResult(stream.Read(buffer, 0, buffer.Length)));
                }

                public static async Task FlushInternal(Stream stream, bool async)
                {
                    if (async)
                    {
                        await stream.FlushAsync();
                        return;
                    }

                    stream.Flush();
                }

                public static async Task FlushCached(Stream stream, bool cached)
                {
                    if (cached)
                    {
                        await stream.FlushAsync();
                        return;
                    }

                    {|PERF202:stream.Flush()|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_call_inside_the_twin_the_advice_names() => Verify202.AnalyzerAsync(Usings + """
            public class Store
            {
                public string Load(string path) => File.ReadAllText(path);

                // Virtual, so that a derived store may make it truly asynchronous: outside it, Load is still reported.
                public virtual Task<string> LoadAsync(string path) => Task.FromResult(Load(path));

                public async Task<string> RunAsync(string path)
                {
                    await Task.Yield();
                    return {|PERF202:Load(path)|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_sync_call_in_the_synchronous_branch() => Verify202.AnalyzerAsync(Usings + """
            public static class Copier
            {
                private static async Task<int> ReadInternal(Stream stream, byte[] buffer, bool useAsync)
                {
                    if (!useAsync)
                    {
                        return stream.Read(buffer, 0, buffer.Length);
                    }

                    return await stream.ReadAsync(buffer, 0, buffer.Length);
                }
            }
            """, frameworks: Frameworks.NetCore);
    }
}
