using System.Collections;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Documents.Checks;

/// <summary>Counts the words the engine writes into a part of a document model (every text property, in lists too).</summary>
public static class WordCounter
{
    public static int Count(object? model)
    {
        switch (model)
        {
            case null:
                return 0;
            case string text:
                return Words(text);
            case IEnumerable list:
                return list.Cast<object?>().Sum(Count);
        }

        var type = model.GetType();
        if (ModelPath.IsScalar(type)) return 0;
        return type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).Sum(p => Count(p.GetValue(model)));
    }

    public static int Words(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }

        return words;
    }
}
