using GovCloud.Domain.Audit;

namespace GovCloud.Domain.Tests;

// Foundation audit log: every entry links to the previous one; any edit, removal or reorder is found.
public class AuditChainTests
{
    private static List<(AuditRecord Record, string Previous, string Hash)> Chain(int n)
    {
        var list = new List<(AuditRecord, string, string)>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var r = new AuditRecord(i, DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_000 + i), "u1", "admin", "o1", "127.0.0.1",
                "UserUpdated", "User", "x" + i, "{\"a\":1}", "{\"a\":" + (i + 1) + "}");
            var hash = AuditChain.Hash(previous, r);
            list.Add((r, previous, hash));
            previous = hash;
        }
        return list;
    }

    private static AuditChainVerifier Verify(IEnumerable<(AuditRecord Record, string Previous, string Hash)> entries)
    {
        var v = new AuditChainVerifier();
        foreach (var (r, p, h) in entries) if (!v.Accept(r, p, h)) break;
        return v;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var v = Verify(Chain(50));
        Assert.True(v.Valid);
        Assert.Equal(50, v.Checked);
    }

    [Fact]
    public void Editing_a_field_breaks_the_chain_at_that_entry()
    {
        var chain = Chain(10);
        chain[6] = (chain[6].Record with { After = "{\"a\":999}" }, chain[6].Previous, chain[6].Hash);
        Assert.Equal(7, Verify(chain).FirstBroken);
    }

    [Fact]
    public void Rehashing_an_edited_entry_still_breaks_the_next_link()
    {
        var chain = Chain(10);
        var edited = chain[3].Record with { ActorName = "someone-else" };
        chain[3] = (edited, chain[3].Previous, AuditChain.Hash(chain[3].Previous, edited));
        Assert.Equal(5, Verify(chain).FirstBroken);
    }

    [Fact]
    public void Removing_an_entry_is_found()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);
        Assert.Equal(6, Verify(chain).FirstBroken);
    }

    [Fact]
    public void Field_boundaries_count_so_moved_text_changes_the_hash()
    {
        var a = new AuditRecord(1, DateTimeOffset.UnixEpoch, null, "ab", "c", null, "X", "Y", null, null, null);
        var b = a with { ActorName = "a", OrganisationId = "bc" };
        Assert.NotEqual(AuditChain.Hash(AuditChain.Genesis, a), AuditChain.Hash(AuditChain.Genesis, b));
    }
}
