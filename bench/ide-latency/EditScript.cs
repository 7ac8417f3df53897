using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace IdeLatency;

/// <summary>One small change to one edited document, as a developer's keystrokes make it.</summary>
internal sealed record Edit(int Index, int Document, string Kind, TextChange Change);

/// <summary>
/// A fixed, seeded sequence of edits to the edited documents, in rounds that edit each document once: change a
/// number, change a string, or add a statement at the top of a method or lambda body. Each edit applies to the text the previous ones left, and
/// every edit keeps the document free of errors. The script depends only on the seed and the documents' texts,
/// so every size replays the same texts.
/// </summary>
internal static class EditScript
{
    public static IReadOnlyList<Edit> Create(IReadOnlyList<string> documents, int count, int seed)
    {
        var rng = new Random(seed);
        var texts = documents.Select(t => SourceText.From(t)).ToArray();
        var edits = new List<Edit>(count);
        var round = new List<int>();
        for (var i = 0; i < count; i++)
        {
            // Each round of edits touches every document once, in a seeded order.
            if (round.Count == 0)
            {
                round.AddRange(Enumerable.Range(0, texts.Length).OrderBy(_ => rng.Next()));
            }
            var document = round[0];
            round.RemoveAt(0);
            var root = CSharpSyntaxTree.ParseText(texts[document], CodeBase.ParseOptions).GetRoot();
            var kind = rng.Next(3);
            var edit = kind switch
            {
                0 => ChangeNumber(root, rng),
                1 => ChangeString(root, rng),
                _ => AddStatement(root, rng, i),
            } ?? AddStatement(root, rng, i);
            edits.Add(new Edit(i, document, edit.Kind, edit.Change));
            texts[document] = texts[document].WithChanges(edit.Change);
        }
        return edits;
    }

    private static (string Kind, TextChange Change)? ChangeNumber(SyntaxNode root, Random rng)
    {
        var numbers = root.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.NumericLiteralToken) && t.Value is int && !InAttribute(t) && InBody(t))
            .ToList();
        if (numbers.Count == 0)
        {
            return null;
        }
        var token = numbers[rng.Next(numbers.Count)];
        var value = (int)token.Value! + 1 + rng.Next(9);
        return ("number", new TextChange(token.Span, value.ToString(CultureInfo.InvariantCulture)));
    }

    private static (string Kind, TextChange Change)? ChangeString(SyntaxNode root, Random rng)
    {
        var strings = root.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) && t.Text.StartsWith('"') && !InAttribute(t) && InBody(t))
            .ToList();
        if (strings.Count == 0)
        {
            return null;
        }
        var token = strings[rng.Next(strings.Count)];
        var letter = (char)('a' + rng.Next(26));
        return ("string", new TextChange(new TextSpan(token.Span.End - 1, 0), letter.ToString()));
    }

    private static (string Kind, TextChange Change) AddStatement(SyntaxNode root, Random rng, int index)
    {
        var blocks = root.DescendantNodes()
            .OfType<BlockSyntax>()
            .Where(b => b.Parent is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or LambdaExpressionSyntax)
            .ToList();
        var block = blocks[rng.Next(blocks.Count)];
        var indent = new string(' ', block.GetLocation().GetLineSpan().StartLinePosition.Character + 4);
        var statement = $"\n{indent}var edit{index} = {index + 1};";
        return ("statement", new TextChange(new TextSpan(block.OpenBraceToken.Span.End, 0), statement));
    }

    private static bool InAttribute(SyntaxToken token) => token.Parent?.FirstAncestorOrSelf<AttributeSyntax>() != null;

    private static bool InBody(SyntaxToken token)
        => token.Parent?.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax) is not null;
}
