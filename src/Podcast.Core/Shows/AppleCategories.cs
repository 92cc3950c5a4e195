namespace Podcast.Shows;

/// <summary>Apple Podcasts' category list: the only values itunes:category accepts, spelled exactly so.</summary>
public static class AppleCategories
{
    private static readonly Dictionary<string, string[]> Tree = new(StringComparer.Ordinal)
    {
        ["Arts"] = ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
        ["Business"] = ["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"],
        ["Comedy"] = ["Comedy Interviews", "Improv", "Stand-Up"],
        ["Education"] = ["Courses", "How To", "Language Learning", "Self-Improvement"],
        ["Fiction"] = ["Comedy Fiction", "Drama", "Science Fiction"],
        ["Government"] = [],
        ["History"] = [],
        ["Health & Fitness"] = ["Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"],
        ["Kids & Family"] = ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
        ["Leisure"] = ["Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"],
        ["Music"] = ["Music Commentary", "Music History", "Music Interviews"],
        ["News"] = ["Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"],
        ["Religion & Spirituality"] = ["Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"],
        ["Science"] = ["Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"],
        ["Society & Culture"] = ["Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"],
        ["Sports"] = ["Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"],
        ["Technology"] = [],
        ["True Crime"] = [],
        ["TV & Film"] = ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
    };

    /// <summary>Whether <paramref name="category"/> is a top-level category and, if given, <paramref name="subcategory"/> one of its children.</summary>
    public static bool Contains(string category, string? subcategory) =>
        Tree.TryGetValue(category, out var children) && (subcategory is null || children.Contains(subcategory, StringComparer.Ordinal));
}
