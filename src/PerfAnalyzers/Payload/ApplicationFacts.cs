using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>What a web application lacks for compressed responses (see <see cref="ApplicationFacts.Missing"/>).</summary>
    internal enum MissingCompression
    {
        None,
        Everything,
        Middleware,
    }

    /// <summary>
    /// Facts about the syntax trees that PERF405 needs for the whole compilation: does one map API endpoints, does one
    /// configure response compression, do the controllers only render views. Each is read from syntax alone, once per
    /// tree (an edit recomputes only the tree it changed), and only in trees whose text invokes one of the names at
    /// all; the rest cost a set lookup.
    /// </summary>
    internal static class ApplicationFacts
    {
        /// <summary>Calls that map minimal endpoints, which return data.</summary>
        private static readonly HashSet<string> MinimalEndpointNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "MapGet", "MapPost", "MapPut", "MapPatch", "MapMethods",
        };

        /// <summary>
        /// Calls that map controllers; <c>UseMvc</c> is MVC's routing without endpoint routing
        /// (<c>EnableEndpointRouting = false</c>), still used by older APIs.
        /// </summary>
        private static readonly HashSet<string> ControllerRouteNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute", "UseMvc", "UseMvcWithDefaultRoute",
        };

        /// <summary>The controller helpers that render a Razor view.</summary>
        private static readonly HashSet<string> ViewNames = new HashSet<string>(StringComparer.Ordinal) { "View", "PartialView" };

        /// <summary>The controller helpers that send data (a serialized value, or a status with one).</summary>
        private static readonly HashSet<string> DataResultNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Ok", "Json", "Created", "CreatedAtAction", "CreatedAtRoute", "Accepted", "AcceptedAtAction", "AcceptedAtRoute",
        };

        private static readonly HashSet<string> AddCompressionNames = new HashSet<string>(StringComparer.Ordinal) { "AddResponseCompression" };

        private static readonly HashSet<string> UseCompressionNames = new HashSet<string>(StringComparer.Ordinal) { "UseResponseCompression" };

        private static readonly PerTreeFlag MapsMinimalEndpoints = new PerTreeFlag(MapsMinimalEndpointsThatMaySendData);

        /// <summary>
        /// <c>app.UseFastEndpoints()</c>: FastEndpoints maps its endpoint classes (<c>Get("/contributors")</c> in their
        /// <c>Configure()</c>), which answer with JSON (found in ardalis/CleanArchitecture). Matched by name, like the
        /// compression calls.
        /// </summary>
        private static readonly HashSet<string> EndpointLibraryNames = new HashSet<string>(StringComparer.Ordinal) { "UseFastEndpoints" };

        private static readonly PerTreeFlag MapsLibraryEndpoints = new PerTreeFlag((tree, cancellationToken) => Invokes(tree, EndpointLibraryNames, cancellationToken));

        /// <summary>
        /// <c>Results</c>/<c>TypedResults</c> helpers that answer without a body: a redirect, an authentication step, a bare
        /// status. <c>Ok</c>, <c>NotFound</c>, <c>BadRequest</c>, <c>Conflict</c> and <c>Accepted</c> count only without an argument.
        /// </summary>
        private static readonly HashSet<string> BodilessResultNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Redirect", "RedirectPermanent", "RedirectToRoute", "LocalRedirect", "Challenge", "Forbid", "SignIn", "SignOut",
            "Unauthorized", "NoContent", "StatusCode",
        };

        /// <summary><c>Results</c>/<c>TypedResults</c> helpers that send a file: no JSON when their content type is a binary one.</summary>
        private static readonly HashSet<string> FileResultNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "File", "Stream", "Bytes", "PhysicalFile", "VirtualFile",
        };

        private static readonly HashSet<string> BinaryApplicationTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "application/pdf", "application/zip", "application/gzip", "application/octet-stream",
        };

        private static readonly HashSet<string> BodilessWithoutArgumentNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Ok", "NotFound", "BadRequest", "Conflict", "Accepted",
        };

        /// <summary>The <c>HttpContext</c> authentication calls an endpoint may end with: they answer with a redirect or a status.</summary>
        private static readonly HashSet<string> AuthenticationCallNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "SignInAsync", "SignOutAsync", "ChallengeAsync", "ForbidAsync",
        };

        private static readonly PerTreeFlag MapsControllers = new PerTreeFlag((tree, cancellationToken) => Invokes(tree, ControllerRouteNames, cancellationToken));

        /// <summary>Calls that map Razor Pages or Razor components: the application renders pages, like a controller calling <c>View</c>.</summary>
        private static readonly HashSet<string> PageRouteNames = new HashSet<string>(StringComparer.Ordinal) { "MapRazorPages", "MapRazorComponents" };

        private static readonly PerTreeFlag RendersViews = new PerTreeFlag((tree, cancellationToken) => Invokes(tree, ViewNames, cancellationToken));

        private static readonly PerTreeFlag MapsPages = new PerTreeFlag((tree, cancellationToken) => Invokes(tree, PageRouteNames, cancellationToken));

        // A class based on Controller or on a base whose name ends in ControllerBase: the mapped controllers are, at least
        // partly, this project's own.
        private static readonly PerTreeFlag DeclaresControllers = new PerTreeFlag((tree, cancellationToken) =>
            SemanticContext.BaseNamesIn(tree, cancellationToken).Any(name => name == "Controller" || name.EndsWith("ControllerBase", StringComparison.Ordinal)));

        private static readonly HashSet<string> ApplicationPartCallNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddApplicationPart", "ConfigureApplicationPartManager",
        };

        /// <summary>
        /// A controller the mapping may find: a class of the tree named <c>…Controller</c>, or based on <c>Controller</c> or a
        /// <c>…ControllerBase</c>, or controllers brought from elsewhere: an <c>[assembly: ApplicationPart("..")]</c> attribute
        /// (the SDK generates one for each referenced project or package that uses MVC) or a call adding application
        /// parts (<c>AddApplicationPart</c>, <c>ConfigureApplicationPartManager</c>).
        /// </summary>
        private static readonly PerTreeFlag MayHaveControllers = new PerTreeFlag((tree, cancellationToken) =>
            DeclaresControllers.Get(tree, cancellationToken)
            || DeclaredTypes.In(tree, cancellationToken).Any(type => type is ClassDeclarationSyntax && type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal))
            || NamesApplicationParts(tree, cancellationToken)
            || Invokes(tree, ApplicationPartCallNames, cancellationToken));

        /// <summary>
        /// The controller helpers that answer with a page or send the browser to one: an action that calls one of them
        /// serves pages, and a data helper on one of its branches (an error sent as JSON, an AJAX variant) does not make
        /// the application an API.
        /// </summary>
        private static readonly HashSet<string> PageResultNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "View", "PartialView", "Redirect", "RedirectPermanent", "RedirectToAction", "RedirectToRoute", "RedirectToPage", "LocalRedirect",
        };

        private static readonly PerTreeFlag SendsDataResults = new PerTreeFlag(SendsDataOutsidePages);

        private static readonly PerTreeFlag DeclaresApiControllers = new PerTreeFlag(DeclaresApiController);

        private static readonly PerTreeFlag RegistersCompression = new PerTreeFlag((tree, cancellationToken) => Invokes(tree, AddCompressionNames, cancellationToken));

        private static readonly PerTreeFlag DeclaresActionsThatMaySendData = new PerTreeFlag(DeclaresActionThatMaySendData);

        /// <summary>
        /// What the compilation lacks for compressed responses: nothing, everything (no tree calls
        /// <c>AddResponseCompression</c> or <c>UseResponseCompression</c>), or the middleware (<c>AddResponseCompression</c>
        /// is called and <c>UseResponseCompression</c> never is, so no response is compressed), asked only when some tree
        /// maps minimal endpoints, or maps controllers that do not only render views.
        /// </summary>
        public static MissingCompression Missing(Compilation compilation, CancellationToken cancellationToken)
        {
            if (AddsCompressionMiddleware(compilation, cancellationToken) || !MapsApiEndpoints(compilation, cancellationToken))
            {
                return MissingCompression.None;
            }

            return RegistersCompression.AnyTree(compilation, cancellationToken) ? MissingCompression.Middleware : MissingCompression.Everything;
        }

        // A tree calls UseResponseCompression: read only in the trees whose text names it, through the shared index of
        // invoked names rather than a per-tree fact of its own (a tree has a fixed number of fact slots).
        private static bool AddsCompressionMiddleware(Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var tree in InvokedNames.TreesInvokingEither(compilation, "UseResponseCompression", "UseResponseCompression" + InvokedNames.GenericSuffix, cancellationToken))
            {
                if (Invokes(tree, UseCompressionNames, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MapsApiEndpoints(Compilation compilation, CancellationToken cancellationToken)
            => MapsMinimalEndpoints.AnyTree(compilation, cancellationToken)
            || MapsLibraryEndpoints.AnyTree(compilation, cancellationToken)
            || (MapsControllers.AnyTree(compilation, cancellationToken)
                && MayHaveControllers.AnyTree(compilation, cancellationToken)
                && !ControllersOnlyRenderViews(compilation, cancellationToken)
                && !OwnControllersSendNothing(compilation, cancellationToken));

        /// <summary>
        /// The application declares controllers, and every public action of them returns <c>void</c>, <c>Task</c> or
        /// <c>ValueTask</c>: it answers with a status and no body (eShopOnDapr's Payment API, whose one controller is a
        /// pub/sub event sink). A host whose controllers are all another project's is still reported: they are not in sight.
        /// </summary>
        private static bool OwnControllersSendNothing(Compilation compilation, CancellationToken cancellationToken)
            => DeclaresControllers.AnyTree(compilation, cancellationToken)
            && !DeclaresActionsThatMaySendData.AnyTree(compilation, cancellationToken);

        // A class of the tree that may be a controller (named ...Controller, the MVC convention, based on Controller or a
        // ...ControllerBase, or [ApiController]) with a public method returning anything but void, Task or ValueTask, or
        // writing to the response itself (Response.WriteAsJsonAsync(..)): it may send a body. A controller based on an
        // application's own base (RemindersController : ApiController) is found by its name.
        private static bool DeclaresActionThatMaySendData(SyntaxTree tree, CancellationToken cancellationToken)
        {
            foreach (var type in DeclaredTypes.In(tree, cancellationToken))
            {
                if (type is not ClassDeclarationSyntax
                    || !(type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal)
                        || NamesApiController(type.AttributeLists) || NamesAControllerBase(type, orController: true)))
                {
                    continue;
                }

                foreach (var member in type.Members)
                {
                    if (member is MethodDeclarationSyntax method
                        && method.Modifiers.Any(modifier => modifier.ValueText == "public")
                        && !method.Modifiers.Any(modifier => modifier.ValueText == "static")
                        && !ReturnsNothing(method.ReturnType))
                    {
                        return true;
                    }
                }

                foreach (var node in type.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax call && InvokedName(call) is { } name
                        && (name.StartsWith("Write", StringComparison.Ordinal) || name.StartsWith("Send", StringComparison.Ordinal)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // void, Task or ValueTask (not Task<T>): the action answers with a status alone.
        private static bool ReturnsNothing(TypeSyntax type)
            => type switch
            {
                PredefinedTypeSyntax predefined => predefined.Keyword.ValueText == "void",
                QualifiedNameSyntax qualified => ReturnsNothing(qualified.Right),
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText is "Task" or "ValueTask",
                _ => false,
            };

        /// <summary>
        /// An MVC application of pages rather than an API (docs/rules/PERF405.md, "Applications that render views"): some
        /// controller renders a view, none sends data through <c>Ok</c>/<c>Json</c>/<c>Created..</c>/<c>Accepted..</c>,
        /// and no API controller is declared here (<c>[ApiController]</c>, or a class based on <c>ControllerBase</c>).
        /// Read in that order: most applications stop at the first question.
        /// </summary>
        private static bool ControllersOnlyRenderViews(Compilation compilation, CancellationToken cancellationToken)
            => (RendersViews.AnyTree(compilation, cancellationToken) || MapsPagesBesideItsOwnControllers(compilation, cancellationToken))
            && !SendsDataResults.AnyTree(compilation, cancellationToken)
            && !DeclaresApiControllers.AnyTree(compilation, cancellationToken);

        /// <summary>
        /// Razor Pages or components mapped by an application that declares controllers of its own (Letterbook's Web UI and
        /// its form controller). A host whose mapped controllers all come from another project (Letterbook's all-in-one
        /// host, serving its API project's controllers) is not judged by its pages: those controllers are not in sight.
        /// </summary>
        private static bool MapsPagesBesideItsOwnControllers(Compilation compilation, CancellationToken cancellationToken)
            => MapsPages.AnyTree(compilation, cancellationToken) && DeclaresControllers.AnyTree(compilation, cancellationToken);

        // [ApiController] on a type or the assembly, or a base list naming ControllerBase, ODataController or a base of
        // the application's own whose name ends in ControllerBase (BaseApiControllerBase, AbpControllerBase). Syntax
        // only: a controller of another project, or one based on another package's class, is not seen, and the
        // application is then reported as before. The base names are the per-tree index the query model keeps.
        // A class of the tree based on ControllerBase that only handles forms (IsFormController) is no API controller.
        private static bool DeclaresApiController(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var namesAControllerBase = false;
            var namesController = false;
            foreach (var name in SemanticContext.BaseNamesIn(tree, cancellationToken))
            {
                if (name == "ODataController")
                {
                    return true;
                }

                namesAControllerBase |= name.EndsWith("ControllerBase", StringComparison.Ordinal);
                namesController |= name == "Controller";
            }

            var root = tree.GetRoot(cancellationToken);
            if (root is CompilationUnitSyntax unit && NamesApiController(unit.AttributeLists))
            {
                return true;
            }

            foreach (var type in DeclaredTypes.In(tree, cancellationToken))
            {
                if ((NamesApiController(type.AttributeLists) && !AnswersWithAStatusAlone(type) && !HealthProbes.IsProbeName(type.Identifier.ValueText))
                    || (namesAControllerBase && NamesAControllerBase(type) && !IsFormController(type))
                    || (namesController && NamesAControllerBase(type, orController: true) && DeclaresTypedAction(type)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A class that is not abstract, whose public instance methods all answer, on every <c>return</c>, with a status and
        /// no body: <c>Ok()</c>, <c>NoContent()</c>, <c>StatusCode(503)</c>, <c>new NoContentResult()</c>, a redirect. An
        /// <c>[ApiController]</c> like it is a health probe or a trigger, not an API (found in an early-years qualification
        /// site of pages, whose <c>[ApiController] HealthController</c> answers <c>Ok()</c>).
        /// </summary>
        private static bool AnswersWithAStatusAlone(TypeDeclarationSyntax type)
        {
            if (type is not ClassDeclarationSyntax || type.Modifiers.Any(modifier => modifier.ValueText == "abstract"))
            {
                return false;
            }

            var actions = 0;
            foreach (var member in type.Members)
            {
                if (member is not MethodDeclarationSyntax method
                    || !method.Modifiers.Any(modifier => modifier.ValueText == "public")
                    || method.Modifiers.Any(modifier => modifier.ValueText == "static"))
                {
                    continue;
                }

                if (!IsActionResultType(method.ReturnType) || !BodyIsBodiless(method.ExpressionBody?.Expression, method.Body, IsStatusResult))
                {
                    return false;
                }

                actions++;
            }

            return actions > 0;
        }

        // A controller helper or result that sends a status alone: Ok(), NoContent(), NotFound() .. without a value,
        // StatusCode(code), Forbid(..)/Challenge(..) with their schemes, a redirect, or the same built with new
        // (new NoContentResult(), new StatusCodeResult(503)); through await, parentheses and both arms of ?:.
        private static bool IsStatusResult(ExpressionSyntax result)
        {
            switch (result)
            {
                case AwaitExpressionSyntax awaited:
                    return IsStatusResult(awaited.Expression);
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsStatusResult(parenthesized.Expression);
                case ConditionalExpressionSyntax conditional:
                    return IsStatusResult(conditional.WhenTrue) && IsStatusResult(conditional.WhenFalse);
                case InvocationExpressionSyntax call when call.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax }:
                    return InvokedName(call) is { } name && SendsAStatusAlone(name, call.ArgumentList.Arguments.Count);
                case ObjectCreationExpressionSyntax creation when SemanticContext.SimpleName(creation.Type) is { } typeName
                    && typeName.EndsWith("Result", StringComparison.Ordinal):
                    return SendsAStatusAlone(typeName.Substring(0, typeName.Length - "Result".Length), creation.ArgumentList?.Arguments.Count ?? 0);
                default:
                    return false;
            }
        }

        private static bool SendsAStatusAlone(string helper, int arguments)
            => helper switch
            {
                "Ok" or "NoContent" or "NotFound" or "BadRequest" or "Unauthorized" or "Conflict" or "Accepted" or "UnprocessableEntity" => arguments == 0,
                "StatusCode" => arguments == 1,
                "Forbid" or "Challenge" => true,
                _ => helper.StartsWith("Redirect", StringComparison.Ordinal) || helper == "LocalRedirect",
            };

        // An action of a class on MVC's Controller that answers with ActionResult<T> (or a task of one) sends a T: the
        // class serves an API beside the pages (found in BaGet, whose NuGet protocol controllers return
        // ActionResult<SearchResponse> next to its Razor Pages).
        private static bool DeclaresTypedAction(TypeDeclarationSyntax type)
        {
            foreach (var member in type.Members)
            {
                if (member is MethodDeclarationSyntax method && method.Modifiers.Any(modifier => modifier.ValueText == "public")
                    && !method.Modifiers.Any(modifier => modifier.ValueText == "static")
                    && AnsweredType(method.ReturnType) is GenericNameSyntax { Identifier.ValueText: "ActionResult", TypeArgumentList.Arguments.Count: 1 })
                {
                    return true;
                }
            }

            return false;
        }

        // The base list names a ...ControllerBase, or with orController MVC's Controller too.
        private static bool NamesAControllerBase(TypeDeclarationSyntax type, bool orController = false)
        {
            if (type.BaseList == null)
            {
                return false;
            }

            foreach (var baseType in type.BaseList.Types)
            {
                if (SemanticContext.SimpleName(baseType.Type) is { } name
                    && (name.EndsWith("ControllerBase", StringComparison.Ordinal) || (orController && name == "Controller")))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A sealed or plain class on <c>ControllerBase</c> whose methods all answer with a non-generic action result
        /// (<c>IActionResult</c>, <c>RedirectToPageResult</c>, or a task of one) or nothing, and that builds no
        /// <c>JsonResult</c>/<c>ObjectResult</c>/<c>OkObjectResult</c>/<c>ContentResult</c> and calls no <c>Content</c> or
        /// <c>StatusCode(code, value)</c>: a form handler of a Razor Pages application (found in Letterbook's Web UI, whose
        /// post editor answers with <c>RedirectToPage</c>, <c>BadRequest(ModelState)</c> or <c>Forbid()</c>). Its data
        /// helpers (<c>Ok(..)</c>, <c>Json(..)</c>) are the whole compilation's question. An abstract base counts as an API.
        /// </summary>
        private static bool IsFormController(TypeDeclarationSyntax type)
        {
            if (type is not ClassDeclarationSyntax || type.Modifiers.Any(modifier => modifier.ValueText == "abstract"))
            {
                return false;
            }

            foreach (var member in type.Members)
            {
                if (member is MethodDeclarationSyntax method && !method.Modifiers.Any(modifier => modifier.ValueText is "private" or "static")
                    && !IsActionResultType(method.ReturnType))
                {
                    return false;
                }
            }

            foreach (var node in type.DescendantNodes())
            {
                switch (node)
                {
                    case ObjectCreationExpressionSyntax creation when SemanticContext.SimpleName(creation.Type) is "JsonResult" or "ObjectResult" or "OkObjectResult" or "ContentResult":
                        return false;
                    case InvocationExpressionSyntax call when InvokedName(call) is "Content" || (InvokedName(call) == "StatusCode" && call.ArgumentList.Arguments.Count > 1):
                        return false;
                }
            }

            return true;
        }

        // void, Task, IActionResult, RedirectResult .., or Task<..>/ValueTask<..> of one; ActionResult<T> sends a T.
        private static bool IsActionResultType(TypeSyntax type)
        {
            switch (AnsweredType(type))
            {
                case PredefinedTypeSyntax predefined:
                    return predefined.Keyword.ValueText == "void";
                case IdentifierNameSyntax identifier:
                    var name = identifier.Identifier.ValueText;
                    return name is "Task" or "ValueTask" || name.EndsWith("Result", StringComparison.Ordinal);
                default:
                    return false;
            }
        }

        // What an action's declared return type answers with: Task<X> and ValueTask<X> give X, a qualified name its last part.
        private static TypeSyntax AnsweredType(TypeSyntax type)
        {
            while (true)
            {
                switch (type)
                {
                    case QualifiedNameSyntax qualified:
                        type = qualified.Right;
                        break;
                    case GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments.Count: 1 } task:
                        type = task.TypeArgumentList.Arguments[0];
                        break;
                    default:
                        return type;
                }
            }
        }

        private static bool NamesApiController(SyntaxList<AttributeListSyntax> lists)
        {
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (SemanticContext.SimpleName(attribute.Name) is "ApiController" or "ApiControllerAttribute")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // A minimal endpoint (MapGet, MapPost ..) whose handler may send data: one whose handler is not a lambda (a method
        // group, a delegate), or a lambda with some result that is not bodiless. An application whose endpoints only sign
        // in, sign out, challenge or redirect sends no JSON to compress (found in davidfowl/TodoApi's Blazor server).
        private static bool MapsMinimalEndpointsThatMaySendData(SyntaxTree tree, CancellationToken cancellationToken)
            => Invokes(tree, MinimalEndpointNames, cancellationToken, endpoint => !AnswersWithoutBody(endpoint.ArgumentList.Arguments.LastOrDefault()?.Expression));

        private static bool AnswersWithoutBody(ExpressionSyntax? handler)
            => handler is LambdaExpressionSyntax lambda && BodyIsBodiless(lambda.ExpressionBody, lambda.Block, result => IsBodiless(result, depth: 0));

        // An expression body, or a block whose returns are all bodiless and which writes nothing itself; the caller says
        // which results are bodiless (Results.NoContent() for a minimal endpoint, NoContent() for a controller action).
        private static bool BodyIsBodiless(ExpressionSyntax? expressionBody, BlockSyntax? block, Func<ExpressionSyntax, bool> isBodiless)
        {
            if (expressionBody != null)
            {
                return isBodiless(expressionBody);
            }

            if (block == null)
            {
                return false;
            }

            foreach (var node in block.DescendantNodes())
            {
                switch (node)
                {
                    case ReturnStatementSyntax { Expression: { } returned } when !isBodiless(returned):
                        return false;
                    case InvocationExpressionSyntax call when InvokedName(call) is { } called
                        && (called.StartsWith("Write", StringComparison.Ordinal) || called.StartsWith("Send", StringComparison.Ordinal)):
                        // context.Response.WriteAsJsonAsync(..), SendFileAsync(..): data written, not returned.
                        return false;
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Body" or "BodyWriter" }:
                        // JsonSerializer.Serialize(context.Response.Body, ..): written through the stream.
                        return false;
                }
            }

            return true;
        }

        private static bool IsBodiless(ExpressionSyntax result, int depth)
        {
            if (result is AwaitExpressionSyntax awaited)
            {
                result = awaited.Expression;
            }

            switch (result)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsBodiless(parenthesized.Expression, depth);
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" } completed
                    when completed.Expression is IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" }
                        or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task" or "ValueTask" }:
                    // context => { context.Response.Redirect("project-list"); return Task.CompletedTask; }: a request
                    // delegate that writes nothing sends no body (a conversion site's root redirect).
                    return true;
                case ConditionalExpressionSyntax conditional:
                    // pdf is null ? Results.NotFound() : Results.Stream(pdf, "application/pdf")
                    return IsBodiless(conditional.WhenTrue, depth) && IsBodiless(conditional.WhenFalse, depth);
            }

            if (result is not InvocationExpressionSyntax call || InvokedName(call) is not { } name)
            {
                return false;
            }

            if (AuthenticationCallNames.Contains(name))
            {
                return true;
            }

            if (call.Expression is IdentifierNameSyntax)
            {
                // return SignIn(user, token): a helper of the same class that builds the result (TodoApi's sign-in).
                return ReturnsOnlyBodilessResults(call, name, depth);
            }

            var onResults = call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Results" or "TypedResults" } };
            return onResults
                && (BodilessResultNames.Contains(name) || (BodilessWithoutArgumentNames.Contains(name) && call.ArgumentList.Arguments.Count == 0)
                    || (FileResultNames.Contains(name) && StatesABinaryContentType(call)));
        }

        // Results.Stream(pdf, "application/pdf"): a content type given as a literal that compression leaves alone, as
        // ResponseCompressionDefaults.MimeTypes has no such type; the file is already compressed or not text at all.
        private static bool StatesABinaryContentType(InvocationExpressionSyntax call)
        {
            foreach (var argument in call.ArgumentList.Arguments)
            {
                if (argument.Expression is LiteralExpressionSyntax literal && literal.Token.Value is string contentType)
                {
                    return contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                        || contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
                        || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
                        || contentType.StartsWith("font/", StringComparison.OrdinalIgnoreCase)
                        || BinaryApplicationTypes.Contains(contentType);
                }
            }

            return false;
        }

        // The methods of the calling class with the called name and as many parameters as the call has arguments, read
        // from syntax, at most three helpers deep: each must end in a bodiless result.
        private static bool ReturnsOnlyBodilessResults(InvocationExpressionSyntax call, string name, int depth)
        {
            if (depth >= 3 || call.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
            {
                return false;
            }

            var found = false;
            foreach (var member in type.Members)
            {
                if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == name
                    && method.ParameterList.Parameters.Count == call.ArgumentList.Arguments.Count)
                {
                    if (!BodyIsBodiless(method.ExpressionBody?.Expression, method.Body, result => IsBodiless(result, depth + 1)))
                    {
                        return false;
                    }

                    found = true;
                }
            }

            return found;
        }

        private static string? InvokedName(InvocationExpressionSyntax call) => call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        // A data helper (Ok, Json, Created..) given a value, called in a method that renders no page and redirects
        // nowhere: an action that does either serves pages (found in Practical.CleanArchitecture's MVC client, whose token
        // refresh sends one error as JSON and otherwise redirects). A bare Ok() or Accepted() sends a status and no body
        // (found in two skills-agency sites of pages, whose only one is a health check's).
        private static bool SendsDataOutsidePages(SyntaxTree tree, CancellationToken cancellationToken)
            => Invokes(tree, DataResultNames, cancellationToken, helper => helper.ArgumentList.Arguments.Count > 0
                && helper.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is var method && !ServesPages(method) && !IsAProbe(method));

        // An action or controller named for a health probe (Ping, HealthController): its Ok("Pong") or Ok(new { status })
        // reports the service's state in a few bytes; it makes no application an API (found in an apprenticeship
        // agency's application site of pages, whose PingController answers Ok("Pong")). Exact names only, as PERF301 reads them.
        private static bool IsAProbe(BaseMethodDeclarationSyntax? method)
            => method is MethodDeclarationSyntax { Parent: TypeDeclarationSyntax type } action
            && (HealthProbes.IsProbeName(action.Identifier.ValueText) || HealthProbes.IsProbeName(type.Identifier.ValueText));

        private static bool ServesPages(BaseMethodDeclarationSyntax? method)
        {
            if (method == null)
            {
                return false;
            }

            foreach (var node in method.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax call
                    && call.Expression switch
                    {
                        IdentifierNameSyntax identifier => PageResultNames.Contains(identifier.Identifier.ValueText),
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name: var member } => PageResultNames.Contains(member.Identifier.ValueText),
                        _ => false,
                    })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Packages whose controllers only sign the user in or out (Microsoft.Identity.Web.UI's <c>AccountController</c>
        /// redirects to the identity provider and back): the part the SDK generates for them brings no data endpoint
        /// (found in a free-schools project site of Razor Pages, whose only controllers they are).
        /// </summary>
        private static readonly HashSet<string> SignInUiPackages = new HashSet<string>(StringComparer.Ordinal) { "Microsoft.Identity.Web.UI" };

        private static bool NamesASignInUiPackage(AttributeSyntax attribute)
            => attribute.ArgumentList is { Arguments.Count: 1 } arguments
            && arguments.Arguments[0].Expression is LiteralExpressionSyntax { Token.Value: string assembly }
            && SignInUiPackages.Contains(assembly);

        /// <summary><c>[assembly: ApplicationPart("Shop.Api")]</c>: controllers of another assembly are mapped too.</summary>
        private static bool NamesApplicationParts(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                return false;
            }

            foreach (var list in unit.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (SemanticContext.SimpleName(attribute.Name) is "ApplicationPart" or "ApplicationPartAttribute"
                        && !NamesASignInUiPackage(attribute))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // A call Name(..) or x.Name(..) of one of the names (a conditional x?.Name(..) does not count), found where the
        // text spells the name.
        // With a condition, only a call it holds for counts.
        private static bool Invokes(SyntaxTree tree, HashSet<string> names, CancellationToken cancellationToken, Func<InvocationExpressionSyntax, bool>? counts = null)
        {
            foreach (var name in names)
            {
                if (!InvokedNames.MayInvokePlain(tree, name, cancellationToken))
                {
                    continue;
                }

                foreach (var invocation in InvocationSearch.Find(tree, name, cancellationToken))
                {
                    if (invocation.Expression is MemberAccessExpressionSyntax or IdentifierNameSyntax && (counts == null || counts(invocation)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
