using QdnConsole.Features.LineEditor;

namespace QdnConsole.Tests.Features.LineEditor;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("+18583354807", "+18583354807")]
    [InlineData("(858) 335-4807", "+18583354807")]
    [InlineData("858-335-4807", "+18583354807")]
    [InlineData("858.335.4807", "+18583354807")]
    [InlineData(" 1 858 335 4807 ", "+18583354807")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Normalize_DialableNumber_E164(string input, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("335-4807")]
    [InlineData("(058) 335-4807")]
    [InlineData("858-335-4807 x12")]
    [InlineData("+1 858 335 4807 +1")]
    [InlineData("+0123456789")]
    public void Normalize_NotDialable_Null(string? input) =>
        Assert.Null(PhoneNumbers.Normalize(input));
}
