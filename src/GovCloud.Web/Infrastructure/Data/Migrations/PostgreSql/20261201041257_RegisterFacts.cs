using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RegisterFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ExistingRacks",
                table: "DataCenters",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Centres registered before the two were told apart: every usable rack is a rack, the best figure on record
            // until the agency or the Center's survey gives the room's own count.
            migrationBuilder.Sql("UPDATE \"DataCenters\" SET \"ExistingRacks\" = \"UsableRacks\";");

            migrationBuilder.AddColumn<DateOnly>(
                name: "InServiceSince",
                table: "DataCenters",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExistingRacks",
                table: "Certifications",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExistingRacks",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "InServiceSince",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "ExistingRacks",
                table: "Certifications");
        }
    }
}
