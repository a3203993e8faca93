using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeadlineRateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DeadlineClocks_State_DueOn_Step_StepName",
                table: "DeadlineClocks",
                columns: new[] { "State", "DueOn", "Step", "StepName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeadlineClocks_State_DueOn_Step_StepName",
                table: "DeadlineClocks");
        }
    }
}
