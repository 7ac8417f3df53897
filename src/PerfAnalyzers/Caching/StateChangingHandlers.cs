using System;
using System.Linq;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// A GET handler that changes state (docs/rules/PERF301.md, "How to fix"): it saves a DbContext (directly, or through a
    /// method of the application that saves on every call), runs <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, or awaits a call
    /// whose name says it writes (<c>await users.UnsubscribeAsync(..)</c>, <c>IncrementDownloadCountAsync</c>,
    /// <c>executor.ExecuteAsync()</c>; found in Sharebook, whose unsubscribe link, download counter and job trigger are
    /// GETs), or generates a random value (<c>RandomNumberGenerator</c>, <c>Random</c>, <c>Guid.NewGuid</c>). A cached
    /// response would skip the write or repeat the value, so the code fix offers only "Mark as not cacheable" there. Asked by
    /// the code fix only, when it is offered; the diagnostic does not change.
    /// </summary>
    internal static class StateChangingHandlers
    {
        private static readonly string[] WriteVerbs =
        {
            "Add", "Insert", "Update", "Upsert", "Delete", "Remove", "Save", "Create", "Increment", "Decrement", "Register",
            "Unregister", "Subscribe", "Unsubscribe", "Execute", "Run", "Cancel", "Approve", "Reject", "Mark", "Publish", "Enqueue",
            "Withdraw", "Revoke", "Reset", "Clear", "Purge", "Archive", "Restore", "Import", "Sync", "Disable", "Enable", "Lock",
            "Unlock", "Confirm", "Assign", "Unassign", "Rename", "Move", "Merge", "Trigger", "Notify", "Accept", "Decline",
            "Complete", "Upload", "Start", "Stop", "Schedule", "Initiate", "Launch",

            // Signing in or out sets or clears the caller's cookie: a cached response would leave the caller signed in
            // (found in WalkingTec.Mvvm's GET logout).
            "SignIn", "SignOut", "Login", "LogIn", "Logout", "LogOut",
        };

        /// <summary>Verbs that say a command runs, not what it does: the command's type says that instead.</summary>
        private static readonly string[] GenericVerbs = { "Execute", "Run" };

        /// <summary>The first word of a command type's name that says it reads (<c>IGetProjectOverviewService</c>, <c>SearchTrustsQuery</c>).</summary>
        private static readonly string[] ReadWords = { "Get", "Search", "List", "Find", "Fetch", "Load", "Read", "Query", "Count", "Lookup" };

        // Methods of the application followed from the handler: the handler's helper and the helper's own helpers.
        private const int MaxLevels = 2;

        public static bool ChangesState(IOperation? body, SemanticContext types)
            => ChangesState(body, types, level: 0, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

        private static bool ChangesState(IOperation? body, SemanticContext types, int level, HashSet<IMethodSymbol> followed)
        {
            if (body == null)
            {
                return false;
            }

            foreach (var descendant in body.Descendants())
            {
                if (descendant is not IInvocationOperation call)
                {
                    continue;
                }

                var method = call.TargetMethod;

                // A fresh random value (a one-time challenge, a nonce, a new id): a cached response would hand every caller
                // the same one (found in GZCTF's proof-of-work captcha, which stores the challenge it returns).
                if (SymbolFacts.IsRandomSource(method)
                    || PERF105SaveChangesInLoopAnalyzer.IsSaveChanges(method, types)
                    || method.Name.StartsWith("ExecuteUpdate", StringComparison.Ordinal)
                    || method.Name.StartsWith("ExecuteDelete", StringComparison.Ordinal)
                    || (NameWords.StartsWithWord(method.Name, WriteVerbs) && !IsAReaderRunning(method) && (IsAwaited(call) || IsCallOnGivenService(call, types)))
                    || (IsGetOrCreate(method.Name) && IsOfTheApplication(method, types) && (IsAwaited(call) || IsCallOnGivenService(call, types)))
                    || (IsOfTheApplication(method, types) && RunSummary.Saves.GetPath(method, types).Count > 0)
                    || (level < MaxLevels && WritesInside(call, types, level, followed))
                    || (level < MaxLevels && DrawsARandomValueInside(call, level, followed)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>await getProjectOverviewService.Execute(id)</c>: a generic verb on a type whose name says it reads (a
        /// use-case class per query, found in a free-schools project service whose 22 GETs each run an <c>IGet…Service</c>
        /// or <c>ISearch…Service</c> by <c>Execute</c>). Whether such a command saves is still asked of its implementations
        /// through the run summaries below.
        /// </summary>
        private static bool IsAReaderRunning(IMethodSymbol method)
        {
            if (!NameWords.StartsWithWord(method.Name, GenericVerbs) || method.ContainingType is not { } type)
            {
                return false;
            }

            var name = type.TypeKind == TypeKind.Interface && type.Name.Length > 1 && type.Name[0] == 'I' && char.IsUpper(type.Name[1])
                ? type.Name.Substring(1)
                : type.Name;
            return NameWords.StartsWithWord(name, ReadWords);
        }

        /// <summary>
        /// A method with a body in source that the handler awaits or returns the result of (<c>return await
        /// GetLNURLRequest(..)</c>, a [NonAction] method of the same controller that creates an invoice, found in BTCPay
        /// Server's LNURL endpoints), or the implementations in source of an interface member it awaits: what it does, the
        /// handler does. Read like the handler, two levels deep.
        /// </summary>
        private static bool WritesInside(IInvocationOperation call, SemanticContext types, int level, HashSet<IMethodSymbol> followed)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (call.SemanticModel is not { } model
                || !(IsAwaited(call) || call.Parent is IReturnOperation)
                || !followed.Add(method))
            {
                return false;
            }

            // An interface member is read through its implementations in source (a download service whose
            // DownloadFileAsync scans the file and records a download event, found in a packaging data gateway).
            var bodies = method.IsAbstract && method.ContainingType?.TypeKind == TypeKind.Interface
                ? types.SourceImplementations(method)?.Take(MaxImplementations) ?? Enumerable.Empty<IMethodSymbol>()
                : new[] { method };

            // Asked by the code fix only, for one handler: binding the helper's declaration is a one-off.
            foreach (var body in bodies)
            {
                foreach (var reference in body.DeclaringSyntaxReferences)
                {
                    if (ChangesState(HandlerBodyFacts.BindDeclaration(reference, model, default), types, level + 1, followed))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private const int MaxImplementations = 4;

        // A member of an interface (any: the application may implement a contract declared elsewhere) or one the
        // application declares.
        private static bool IsOfTheApplication(IMethodSymbol method, SemanticContext types)
            => method.ContainingType?.TypeKind == TypeKind.Interface || types.IsDeclaredByApplication(method.OriginalDefinition);

        /// <summary>
        /// <c>GetOrCreateAccreditation(..)</c>, <c>FindOrAddAsync(..)</c>: a read that creates what it does not find, found in a
        /// packaging facade's GET. Asked only of the application's own methods: a cache's <c>GetOrCreateAsync</c> fills
        /// a cache, which caching the response does not break.
        /// </summary>
        private static bool IsGetOrCreate(string name)
            => name.IndexOf("OrCreate", StringComparison.Ordinal) > 0 || name.IndexOf("OrAdd", StringComparison.Ordinal) > 0
            || name.IndexOf("OrInsert", StringComparison.Ordinal) > 0;

        /// <summary>
        /// A helper of the handler's own class, or a static one, declared in source and called whether or not it is
        /// awaited, that draws a random value (<c>var dataKey = CreateRandomHex32String();</c> over
        /// <c>RandomNumberGenerator</c>, found in a permit service's test-data generator, whose GETs generate product
        /// keys): the handler answers with a fresh value as if it drew it itself. Two levels deep, like the writes.
        /// </summary>
        private static bool DrawsARandomValueInside(IInvocationOperation call, int level, HashSet<IMethodSymbol> followed)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (call.Instance is not (null or IInstanceReferenceOperation)
                || method.IsAbstract
                || method.DeclaringSyntaxReferences.IsEmpty
                || call.SemanticModel is not { } model
                || !followed.Add(method))
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (HandlerBodyFacts.BindDeclaration(reference, model, default) is not { } body)
                {
                    continue;
                }

                foreach (var descendant in body.Descendants())
                {
                    if (descendant is IInvocationOperation inner
                        && (SymbolFacts.IsRandomSource(inner.TargetMethod) || (level + 1 < MaxLevels && DrawsARandomValueInside(inner, level + 1, followed))))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>settingsProvider.Update(s => ..)</c>, not awaited: an instance method of the application called on a service
        /// the handler is given (a parameter, or a field or property of its own class), not on a value it built
        /// (<c>dto.AddLink(..)</c> on a local) and not on a collection (found in LANCommander, whose HQ callback GET stores
        /// a token so).
        /// </summary>
        private static bool IsCallOnGivenService(IInvocationOperation call, SemanticContext types)
        {
            var receiver = call.Instance is { } instance ? Infrastructure.OperationExtensions.WalkDownConversion(instance) : null;
            var given = receiver switch
            {
                IParameterReferenceOperation => true,
                IFieldReferenceOperation field => field.Instance is null or IInstanceReferenceOperation,
                IPropertyReferenceOperation property => property.Instance is null or IInstanceReferenceOperation,
                _ => false,
            };
            var type = receiver?.Type;
            if (!given || type == null || !types.IsDeclaredByApplication(call.TargetMethod.OriginalDefinition))
            {
                return false;
            }

            return !SymbolFacts.ImplementsEnumerable(type);
        }

        /// <summary><c>await call</c>, also through a conversion or <c>.ConfigureAwait(..)</c>: an asynchronous call, not <c>list.Add(x)</c>.</summary>
        private static bool IsAwaited(IOperation call)
        {
            var current = call.Parent;
            while (current is IConversionOperation || (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance != null))
            {
                current = current.Parent;
            }

            return current is IAwaitOperation;
        }
    }
}
