using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Connections
{
    /// <summary>What the PERF501 fixes need to know about one <c>new HttpClient()</c> and the code around it.</summary>
    internal sealed class HttpClientCreationShape
    {
        private HttpClientCreationShape(BaseObjectCreationExpressionSyntax creation, TypeDeclarationSyntax type)
        {
            Creation = creation;
            Type = type;
        }

        public BaseObjectCreationExpressionSyntax Creation { get; }

        /// <summary>The type whose members the fix adds (the innermost type around the creation).</summary>
        public TypeDeclarationSyntax Type { get; }

        /// <summary>The local the client is stored in, when there is one.</summary>
        public ILocalSymbol? Local { get; private set; }

        /// <summary><c>using var client = ..;</c> — the statement to drop the <c>using</c> from.</summary>
        public LocalDeclarationStatementSyntax? UsingDeclaration { get; private set; }

        /// <summary><c>using (var client = ..) { .. }</c> that can be unwrapped into its block.</summary>
        public UsingStatementSyntax? UnwrappableUsing { get; private set; }

        /// <summary>A <c>using (..)</c> statement that cannot be unwrapped (a name would clash).</summary>
        public bool KeepsUsingStatement { get; private set; }

        /// <summary>The code sets properties or default headers on the client after creating it.</summary>
        public bool IsConfigured { get; private set; }

        /// <summary>The code sets a BaseAddress: the factory fix asks for a named client.</summary>
        public bool SetsBaseAddress { get; private set; }

        /// <summary>The client is disposed by hand, or handed out where someone may dispose it.</summary>
        public bool MayBeDisposed { get; private set; }

        /// <summary>The creation runs in code that has no <c>this</c> (static member, static lambda).</summary>
        public bool IsStaticContext { get; private set; }

        /// <summary>The creation is an instance field or property initializer.</summary>
        public bool IsMemberInitializer { get; private set; }

        /// <summary>
        /// <c>var client = new HttpClient { BaseAddress = .. };</c>: the declaration whose object-initializer
        /// assignments the factory fix turns into statements after it.
        /// </summary>
        public LocalDeclarationStatementSyntax? InitializedDeclaration { get; private set; }

        public static HttpClientCreationShape? TryCreate(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            // Constructor arguments (a configured handler) carry configuration that neither fix could keep. A package's
            // client reported for the HttpClient it builds (RestSharp's RestClient) is not one either fix can replace.
            if (creation.ArgumentList?.Arguments.Count > 0
                || (creation.Initializer != null && !IsSimpleLocalInitializer(creation))
                || !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type, SemanticContext.For(model.Compilation).HttpClient))
            {
                return null;
            }

            if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not TypeDeclarationSyntax type || type is InterfaceDeclarationSyntax)
            {
                return null;
            }

            var shape = new HttpClientCreationShape(creation, type);
            if (creation.Initializer != null)
            {
                shape.InitializedDeclaration = creation.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
                shape.IsConfigured = true;
                foreach (var expression in creation.Initializer.Expressions)
                {
                    shape.SetsBaseAddress |= ((AssignmentExpressionSyntax)expression).Left is IdentifierNameSyntax { Identifier: { ValueText: "BaseAddress" } };
                }
            }

            shape.InspectContext();
            shape.InspectUse(model, cancellationToken);
            return shape;
        }

        private void InspectContext()
        {
            for (var node = Creation.Parent; node != null && node != Type; node = node.Parent)
            {
                switch (node)
                {
                    case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                    case LocalFunctionStatementSyntax localFunction when localFunction.Modifiers.Any(SyntaxKind.StaticKeyword):
                        IsStaticContext = true;
                        break;
                    case MemberDeclarationSyntax member:
                        if (member.Modifiers.Any(SyntaxKind.StaticKeyword) || member.Modifiers.Any(SyntaxKind.ConstKeyword))
                        {
                            IsStaticContext = true;
                        }

                        IsMemberInitializer = Creation.Parent is EqualsValueClauseSyntax initializer
                            && (initializer.Parent is PropertyDeclarationSyntax
                                || initializer.Parent is VariableDeclaratorSyntax { Parent: { Parent: FieldDeclarationSyntax } });
                        return;
                }
            }
        }

        private void InspectUse(SemanticModel model, CancellationToken cancellationToken)
        {
            if (!(Creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }))
            {
                // Used in place (`new HttpClient().GetAsync(..)`) it cannot be disposed; anything else hands it out.
                MayBeDisposed = Creation.Parent is not MemberAccessExpressionSyntax && !IsMemberInitializer;
                return;
            }

            if (declarator.Parent is VariableDeclarationSyntax declaration)
            {
                if (declaration.Parent is LocalDeclarationStatementSyntax { UsingKeyword: { RawKind: (int)SyntaxKind.UsingKeyword } } usingDeclaration)
                {
                    UsingDeclaration = usingDeclaration;
                }
                else if (declaration.Parent is UsingStatementSyntax usingStatement)
                {
                    if (declaration.Variables.Count == 1 && usingStatement.Parent is BlockSyntax block && !DeclaresElsewhere(block, usingStatement, declarator.Identifier.ValueText))
                    {
                        UnwrappableUsing = usingStatement;
                    }
                    else
                    {
                        KeepsUsingStatement = true;
                    }
                }
            }

            Local = model.GetDeclaredSymbol(declarator, cancellationToken) as ILocalSymbol;
            var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (Local == null || scope == null)
            {
                return;
            }

            foreach (var node in scope.DescendantNodes())
            {
                if (!(node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access)
                    || receiver.Identifier.ValueText != Local.Name)
                {
                    continue;
                }

                var member = access.Name.Identifier.ValueText;
                if (access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access)
                {
                    IsConfigured = true;
                    SetsBaseAddress |= member == "BaseAddress";
                }
                else if (member == "DefaultRequestHeaders" || member == "DefaultRequestVersion" || member == "DefaultVersionPolicy")
                {
                    IsConfigured = true;
                }
                else if (member == "Dispose")
                {
                    MayBeDisposed = true;
                }
                else if (access.Parent is InvocationExpressionSyntax call && AppliesAnExtensionThatMayConfigure(call, model, cancellationToken))
                {
                    IsConfigured = true;
                }
            }

            foreach (var node in scope.DescendantNodes())
            {
                // Returned, or handed to a method (AddApiKey(client)): someone else may configure or dispose it.
                if ((node is ReturnStatementSyntax { Expression: IdentifierNameSyntax returned } && returned.Identifier.ValueText == Local.Name)
                    || (node is ArgumentSyntax { Expression: IdentifierNameSyntax handed } && handed.Identifier.ValueText == Local.Name))
                {
                    MayBeDisposed = true;
                }
            }
        }

        /// <summary>
        /// <c>client.SetBearerToken(token)</c>: an extension method called on the client that returns no task. Such a
        /// method sets something on the client (IdentityModel's <c>SetBearerToken</c> writes the default
        /// <c>Authorization</c> header), which on a shared client would race between callers; the extensions that send a
        /// request (<c>GetFromJsonAsync</c>, <c>RequestClientCredentialsTokenAsync</c>) return a task.
        /// </summary>
        private static bool AppliesAnExtensionThatMayConfigure(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
            => model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension } extension
            && (extension.ReturnsVoid || extension.ReturnType.Name is not ("Task" or "ValueTask"));

        /// <summary>An object initializer of plain property assignments on a client stored in a local by a declaration statement.</summary>
        private static bool IsSimpleLocalInitializer(BaseObjectCreationExpressionSyntax creation)
        {
            if (!(creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax, Variables: { Count: 1 } } } }))
            {
                return false;
            }

            foreach (var expression in creation.Initializer!.Expressions)
            {
                if (!(expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Right: var value }) || value is InitializerExpressionSyntax)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Unwrapping <c>using (var x = ..)</c> moves x into the enclosing block, where it must not clash.</summary>
        private static bool DeclaresElsewhere(BlockSyntax block, UsingStatementSyntax usingStatement, string name)
        {
            foreach (var statement in block.Statements)
            {
                if (statement == usingStatement)
                {
                    continue;
                }

                foreach (var node in statement.DescendantNodesAndSelf())
                {
                    if ((node is VariableDeclaratorSyntax variable && variable.Identifier.ValueText == name)
                        || (node is ForEachStatementSyntax loop && loop.Identifier.ValueText == name)
                        || (node is SingleVariableDesignationSyntax designation && designation.Identifier.ValueText == name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
